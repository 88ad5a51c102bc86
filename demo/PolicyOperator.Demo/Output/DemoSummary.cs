using System.Globalization;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Graph;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Demo.Output;

/// <summary>
/// What the demo found, as tables: each workload with its policy (rules per direction) and the peers
/// behind them, the external endpoints, and the dependency map's edges. Built from the files the
/// pipeline wrote (observed traffic and generated policies), not from what the demo meant to do.
/// </summary>
internal sealed record DemoSummary(IReadOnlyList<SummaryTable> Tables)
{
    /// <summary>Summarises <paramref name="traffic"/> and the <paramref name="policies"/> (with their files) generated from it.</summary>
    public static DemoSummary Create(IReadOnlyList<ObservedTraffic> traffic, IReadOnlyList<(NetworkPolicy Policy, string File)> policies)
    {
        var edges = Edges(DependencyGraphBuilder.FromTraffic(traffic));

        var workloads = new SummaryTable(
            "Workloads and their policies", ["workload", "policy file", "ingress rules", "egress rules", "called by", "calls"], new HashSet<string> { "policy file" });
        foreach (var workload in traffic.Select(t => t.Spec.Workload).DistinctBy(DependencyGraphBuilder.WorkloadId).OrderBy(w => $"{w.Namespace}/{w.Name}", StringComparer.Ordinal))
        {
            var name = $"{workload.Namespace}/{workload.Name}";
            var policy = policies.FirstOrDefault(p => p.Policy.Metadata.Namespace == workload.Namespace
                && p.Policy.Metadata.Annotations?.GetValueOrDefault(PolicyNaming.WorkloadAnnotation) == $"{workload.Kind}/{workload.Name}");
            workloads.Add(
                $"{name} ({workload.Kind})",
                policy.File ?? "(none)",
                policy.Policy is null ? "-" : Rules(policy.Policy, "Ingress", policy.Policy.Spec.Ingress?.Count),
                policy.Policy is null ? "-" : Rules(policy.Policy, "Egress", policy.Policy.Spec.Egress?.Count),
                Lines(edges.Where(e => e.To == name).Select(e => $"{e.From} ({e.Ports})")),
                Lines(edges.Where(e => e.From == name).Select(e => $"{e.To} ({e.Ports})")));
        }

        var external = new SummaryTable("External endpoints (outside the cluster)", ["workload", "address", "reached as", "port", "connections"]);
        foreach (var observed in traffic)
        {
            foreach (var entry in observed.Spec.Egress.Where(e => e.Peer.External is not null))
            {
                external.Add(
                    $"{observed.Spec.Workload.Namespace}/{observed.Spec.Workload.Name}",
                    entry.Peer.External!.Cidr,
                    entry.Peer.External.DnsNames.Count == 0 ? "(no DNS name)" : string.Join(", ", entry.Peer.External.DnsNames.Select(n => n.TrimEnd('.'))),
                    $"{entry.Protocol} {entry.Port}",
                    entry.Connections.ToString(CultureInfo.InvariantCulture));
            }
        }

        var map = new SummaryTable("Dependency map (x = crosses namespaces)", ["", "from", "to", "ports"]);
        foreach (var edge in edges)
        {
            map.Add(edge.CrossNamespace ? "x" : string.Empty, edge.From, edge.To, edge.Ports);
        }

        return new DemoSummary([workloads, external, map]);
    }

    /// <summary>
    /// The graph's edges between display names: a Service whose backend is unknown and a workload of the
    /// same name are both <c>namespace/name</c>, so their edges merge.
    /// </summary>
    private static List<(string From, string To, string Ports, bool CrossNamespace)> Edges(DependencyGraph graph)
    {
        var labels = graph.Nodes.ToDictionary(n => n.Id, Label, StringComparer.Ordinal);
        return graph.Edges
            .GroupBy(e => (From: labels[e.From], To: labels[e.To]))
            .Select(g => (g.Key.From, g.Key.To, new GraphEdge(g.Key.From, g.Key.To, [.. g.SelectMany(e => e.Ports).Distinct(StringComparer.Ordinal)], false, false).Label, g.Any(e => e.CrossNamespace)))
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();
    }

    private static string Label(GraphNode node) => node.Kind switch
    {
        GraphNodeKind.External when node.Id.StartsWith("external:", StringComparison.Ordinal) && node.Label != node.Id["external:".Length..] =>
            $"{node.Label.TrimEnd('.')} ({node.Id["external:".Length..]})",
        GraphNodeKind.External => node.Label,
        GraphNodeKind.Node => $"node {node.Label}",
        _ => $"{node.Group}/{node.Label}",
    };

    // A direction the policy does not isolate has no rules because it allows everything: say so.
    private static string Rules(NetworkPolicy policy, string direction, int? count) =>
        policy.Spec.PolicyTypes?.Contains(direction) == true ? (count ?? 0).ToString(CultureInfo.InvariantCulture) : "not isolated";

    private static string Lines(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "-" : string.Join("\n", list);
    }
}
