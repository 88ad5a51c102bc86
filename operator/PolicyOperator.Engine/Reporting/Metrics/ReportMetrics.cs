namespace PolicyOperator.Engine.Reporting.Metrics;

/// <summary>
/// The report figures that make sense as operator metrics, per workload: DNS queries and failures
/// (optionally per name), outside endpoints and connections to them. Every sample carries
/// <c>cluster</c> (empty when unknown, which Prometheus treats as absent), <c>namespace</c> and <c>workload</c>.
/// </summary>
public static class ReportMetrics
{
    public const string DnsQueries = "policyoperator_dns_queries_total";
    public const string DnsFailures = "policyoperator_dns_query_failures_total";
    public const string DnsNameQueries = "policyoperator_dns_name_queries_total";
    public const string ExternalEndpoints = "policyoperator_external_endpoints";
    public const string ExternalConnections = "policyoperator_external_connections_total";

    /// <summary>The metric families; per-name DNS samples only with <paramref name="includeNames"/> (their cardinality is the number of names).</summary>
    public static IReadOnlyList<MetricFamily> From(DnsHotspots dns, IReadOnlyList<WorkloadExternalEndpoints> external, bool includeNames = false)
    {
        var workloads = dns.Sources.Where(s => s.Source.Level == SourceLevel.Workload).ToList();
        var families = new List<MetricFamily>
        {
            new(DnsQueries, "counter", "DNS questions asked by the workload.",
                Sorted(workloads.Select(w => new MetricSample(Labels(w.Source), w.Queries)))),
            new(DnsFailures, "counter", "DNS answers with a failure rcode (NXDOMAIN, SERVFAIL, ...) to the workload's questions.",
                Sorted(dns.Failures
                    .GroupBy(f => (f.Source, f.Rcode))
                    .Select(g => new MetricSample([.. Labels(g.Key.Source), new("rcode", g.Key.Rcode)], g.Sum(f => f.Count))))),
        };
        if (includeNames)
        {
            families.Add(new(DnsNameQueries, "counter", "DNS questions asked by the workload for one name.",
                Sorted(dns.Names.SelectMany(n => n.BySource.Select(s =>
                    new MetricSample([.. Labels(s.Source), new("name", n.Name), new("scope", n.Scope.ToString().ToLowerInvariant())], s.Queries))))));
        }

        families.Add(new(ExternalEndpoints, "gauge", "Distinct outside endpoints (CIDRs) the workload opened connections to.",
            Sorted(external.Select(w => new MetricSample(Labels(w.Source), w.Endpoints.Count)))));
        families.Add(new(ExternalConnections, "counter", "Connections the workload opened to outside endpoints.",
            Sorted(external.Select(w => new MetricSample(Labels(w.Source), w.Connections)))));
        return families;
    }

    private static List<KeyValuePair<string, string>> Labels(TrafficSource source) =>
        [new("cluster", source.Cluster ?? string.Empty), new("namespace", source.Namespace), new("workload", source.Workload ?? string.Empty)];

    private static List<KeyValuePair<string, string>> Labels(TrafficEndpoint workload) =>
        [new("cluster", workload.Cluster ?? string.Empty), new("namespace", workload.Namespace ?? string.Empty), new("workload", workload.Name ?? string.Empty)];

    private static List<MetricSample> Sorted(IEnumerable<MetricSample> samples) =>
        [.. samples.OrderBy(s => string.Join("\u0000", s.Labels.Select(l => l.Value)), StringComparer.Ordinal)];
}
