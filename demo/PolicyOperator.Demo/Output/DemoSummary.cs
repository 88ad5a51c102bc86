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
internal sealed record DemoSummary(
    IReadOnlyList<SummaryTable> Tables)
{
    /// <summary>Summarises <paramref name="traffic"/> and the <paramref name="policies"/> generated from it.</summary>
    public static DemoSummary Create(IReadOnlyList<ObservedTraffic> traffic, IReadOnlyList<(NetworkPolicy Policy, string File)> policies)
    {
        var graph = DependencyGraphBuilder.FromTraffic(traffic);
        var labels = graph.Nodes.ToDictionary(n => n.Id, Label, StringComparer.Ordinal);

        var workloads = new SummaryTable("Workloads and their policies", ["workload", "policy file", "ingress rules", "egress rules", "called by", "calls"]);
        foreach (var group in traffic.GroupBy(t => DependencyGraphBuilder.WorkloadId(t.Spec.Workload)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var workload = group.First().Spec.Workload;
            var policy = policies.FirstOrDefault(p => p.Policy.Metadata.Namespace == workload.Namespace
                && p.Policy.Metadata.Annotations?.GetValueOrDefault(PolicyNaming.WorkloadAnnotation) == $"{workload.Kind}/{workload.Name}");
            var calledBy = graph.Edges.Where(e => e.To == group.Key).Select(e => $"{labels[e.From]} ({string.Join(", ", e.Ports)})");
            var calls = graph.Edges.Where(e => e.From == group.Key).Select(e => $"{labels[e.To]} ({string.Join(", ", e.Ports)})");
            workloads.Add(
                $"{workload.Namespace}/{workload.Name} ({workload.Kind})",
                policy.File ?? "(none)",
                policy.Policy is null ? "-" : Rules(policy.Policy, "Ingress", policy.Policy.Spec.Ingress?.Count),
                policy.Policy is null ? "-" : Rules(policy.Policy, "Egress", policy.Policy.Spec.Egress?.Count),
                Join(calledBy),
                Join(calls));
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
                    entry.Connections.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var edges = new SummaryTable("Dependency map (x = crosses namespaces)", ["", "from", "to", "ports"]);
        foreach (var edge in graph.Edges)
        {
            edges.Add(edge.CrossNamespace ? "x" : string.Empty, labels[edge.From], labels[edge.To], string.Join(", ", edge.Ports));
        }

        return new DemoSummary([workloads, external, edges]);
    }

    private static string Label(GraphNode node) => node.Kind switch
    {
        GraphNodeKind.External => node.Label == node.Id["external:".Length..] ? node.Label : $"{node.Label.TrimEnd('.')} ({node.Id["external:".Length..]})",
        GraphNodeKind.Node => $"node {node.Label}",
        _ => $"{node.Group}/{node.Label}",
    };

    // A direction the policy does not isolate has no rules because it allows everything: say so.
    private static string Rules(NetworkPolicy policy, string direction, int? count) =>
        policy.Spec.PolicyTypes?.Contains(direction) == true ? (count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) : "not isolated";

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "-" : string.Join("\n", list);
    }
}
