using System.Globalization;
using PolicyOperator.Engine.Reporting;

namespace PolicyOperator.Cli.Reporting;

/// <summary>The tables that show a <see cref="ReportDocument"/> on a terminal, one or more per question.</summary>
internal static class ReportTables
{
    private static readonly string[] SourceHeaders = ["source", "queries", "failures", "names"];

    public static IReadOnlyList<ReportTable> From(ReportDocument document)
    {
        var tables = new List<ReportTable>();
        if (document.DnsHotspots is { } dns)
        {
            foreach (var level in Enum.GetValues<SourceLevel>())
            {
                tables.Add(new ReportTable(
                    $"DNS queries by {level.ToString().ToLowerInvariant()} ({N(dns.TotalQueries)} queries, {N(dns.TotalFailures)} failed)",
                    SourceHeaders,
                    [.. dns.Sources.Where(s => s.Source.Level == level).Select(s => Row(s.Source.ToString(), N(s.Queries), N(s.Failures), N(s.Names)))]));
            }

            tables.Add(new ReportTable("Most queried names", ["name", "scope", "queries", "failures", "asked by"],
                [.. dns.Names.Select(n => Row(n.Name, Scope(n.Scope), N(n.Queries), N(n.Failures), string.Join(", ", n.BySource.Take(3).Select(s => $"{s.Source} ({N(s.Queries)})"))))]));
            tables.Add(new ReportTable("Failed lookups by source", ["source", "name", "rcode", "count"],
                [.. dns.Failures.Select(f => Row(f.Source.ToString(), f.Name, f.Rcode, N(f.Count)))]));
        }

        if (document.NameScopes is { } scopes)
        {
            tables.Add(new ReportTable("Internal and external names queried, by workload", ["workload", "internal names", "internal queries", "external names", "external queries", "external"],
                [.. scopes.Select(s => Row(s.Source.ToString(), N(s.InternalNames), N(s.InternalQueries), N(s.ExternalNames), N(s.ExternalQueries), string.Join(", ", s.External)))]));
        }

        if (document.ExternalEndpoints is { } external)
        {
            tables.Add(new ReportTable("External endpoints by workload (north-south egress)", ["workload", "cidr", "dns names", "ports", "connections", "bytes"],
                [.. external.SelectMany(w => w.Endpoints.Select(e => Row(w.Source.ToString(), e.Cidr, string.Join(", ", e.DnsNames), string.Join(", ", e.Ports), N(e.Connections), N(e.Bytes))))]));
        }

        if (document.TalksTo is { } talks)
        {
            var title = talks.Direction == QueryDirection.To ? $"Who talks to {talks.Target} ({Describe(talks.Target)})" : $"What {talks.Target} ({Describe(talks.Target)}) talks to";
            tables.Add(new ReportTable(title, ["source", "destination", "via service", "port", "connections", "processes"],
                [.. talks.Connections.Select(c => Row(c.Source.ToString(), c.Destination.ToString(), c.Destination.Service ?? string.Empty, $"{c.Port}/{c.Protocol}", N(c.Connections), string.Join(",", c.Processes)))]));
            if (talks.Direction == QueryDirection.To)
            {
                tables.Add(new ReportTable($"Who asked DNS for {talks.Target}", ["source", "name", "queries", "answers"],
                    [.. talks.Questions.Select(q => Row(q.Source.ToString(), q.Name, N(q.Queries), string.Join(", ", q.Answers)))]));
            }
        }

        if (document.CrossNamespace is { } crossNamespace)
        {
            tables.Add(new ReportTable("Cross-namespace traffic (! = differing environments)", ["", "source", "destination", "ports", "connections", "environments"],
                [.. crossNamespace.Select(f => Row(f.EnvironmentMismatch ? "!" : string.Empty, f.Source.ToString(), f.Destination.ToString(), string.Join(", ", f.Ports), N(f.Connections),
                    f.SourceEnvironment is null && f.DestinationEnvironment is null ? string.Empty : $"{f.SourceEnvironment ?? "-"} -> {f.DestinationEnvironment ?? "-"}"))]));
        }

        if (document.CrossCluster is { } crossCluster)
        {
            tables.Add(new ReportTable($"Cross-cluster traffic (clusters: {(crossCluster.Clusters.Count > 0 ? string.Join(", ", crossCluster.Clusters) : "none named")})", ["source", "destination", "port", "connections", "evidence"],
                [.. crossCluster.Flows.Select(f => Row(f.Source.ToString(), f.Destination.ToString(), $"{f.Port}/{f.Protocol}", N(f.Connections), string.Join("; ", f.Evidence)))])
            {
                Empty = crossCluster.Clusters.Count < 2 ? "(none: traffic from fewer than two named clusters)" : "(none)",
            });
        }

        if (document.Hairpins is { } hairpins)
        {
            tables.Add(new ReportTable("Hairpinning: own cluster reached through an outside address or name", ["source", "dialled", "port", "connections", "reaches", "why", "use instead"],
                [.. hairpins.Select(h => Row(h.Source.ToString(), h.Destination.ToString(), $"{h.Port}/{h.Protocol}", N(h.Connections), h.Target, h.Reason, h.Suggestion ?? string.Empty))]));
        }

        if (document.FqdnEgress is { } fqdn)
        {
            tables.Add(new ReportTable("Suggested egress allow rules (names actually used; -o cilium or -o allow-list to export)", ["workload", "allow", "ports"],
                [.. fqdn.SelectMany(s => s.Rules.Select(r => Row(s.Workload.ToString(), string.Join(", ", r.Names), string.Join(", ", r.Ports)))
                    .Concat(s.UnnamedCidrs.Select(c => Row(s.Workload.ToString(), $"{c.Cidr} (no DNS name)", string.Join(", ", c.Ports)))))]));
        }

        return tables;
    }

    private static string Describe(TrafficTarget target) => target.Kind switch
    {
        TargetKind.ApiServer => "the API server",
        TargetKind.Cidr => "addresses",
        TargetKind.Workload => target.Value == "*" ? "namespace" : "workload or Service",
        TargetKind.DnsWildcard => "names",
        _ => "name",
    };

    private static string Scope(NameScope scope) => scope.ToString().ToLowerInvariant();

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string[] Row(params string[] cells) => cells;
}
