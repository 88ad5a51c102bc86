using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Graph;

/// <summary>
/// Builds the dependency map from observed traffic. A connection seen from both ends (egress on the
/// client, ingress on the server) becomes one edge; Service peers are drawn as their backend
/// workload when it is known, so the map shows workloads talking to workloads.
/// </summary>
public static class DependencyGraphBuilder
{
    /// <summary>The group of external peers.</summary>
    public const string ExternalGroup = "External";

    /// <summary>The group of node and host peers.</summary>
    public const string NodesGroup = "Nodes";

    /// <summary>Builds the graph of every ingress and egress entry.</summary>
    public static DependencyGraph FromTraffic(IEnumerable<ObservedTraffic> traffic)
    {
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        var externalNames = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var edges = new Dictionary<(string From, string To), SortedSet<(string Protocol, int Port)>>();

        foreach (var observed in traffic)
        {
            var self = Add(nodes, externalNames, observed.Spec.Workload, peer: null);
            foreach (var entry in observed.Spec.Egress)
            {
                AddEdge(edges, self, Add(nodes, externalNames, null, entry.Peer), entry);
            }

            foreach (var entry in observed.Spec.Ingress)
            {
                AddEdge(edges, Add(nodes, externalNames, null, entry.Peer), self, entry);
            }
        }

        foreach (var (id, names) in externalNames)
        {
            nodes[id] = nodes[id] with { Label = string.Join(", ", names) };
        }

        var graphEdges = edges
            .Select(e => new GraphEdge(e.Key.From, e.Key.To, e.Value.Select(p => $"{p.Protocol} {p.Port}").ToList(),
                IsCrossNamespace(nodes[e.Key.From], nodes[e.Key.To]), Denied: false))
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();
        var graphNodes = nodes.Values.OrderBy(n => n.Group, StringComparer.Ordinal).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();
        return new DependencyGraph(graphNodes, graphEdges);
    }

    /// <summary>The id a workload has in the graph (<c>namespace/name[Kind]</c>, np-guard's form).</summary>
    public static string WorkloadId(WorkloadReference workload) => $"{workload.Namespace}/{workload.Name}[{workload.Kind}]";

    private static GraphNode WorkloadNode(WorkloadReference workload) =>
        new(WorkloadId(workload), workload.Name, workload.Namespace, GraphNodeKind.Workload);

    private static GraphNode PeerNode(TrafficPeer peer) => peer.Type switch
    {
        PeerType.Workload when peer.Workload is { } w => WorkloadNode(w),
        PeerType.Service when peer.Service?.Backend is { } backend => WorkloadNode(backend),
        PeerType.Service when peer.Service is { } s => new($"{s.Namespace}/{s.Name}[Service]", s.Name, s.Namespace, GraphNodeKind.Service),
        PeerType.Node => new($"node:{peer.Node?.Name ?? string.Join(',', peer.Node?.Addresses ?? [])}",
            peer.Node?.Name ?? string.Join(", ", peer.Node?.Addresses ?? []), NodesGroup, GraphNodeKind.Node),
        PeerType.External when peer.External is { } x => new($"external:{x.Cidr}",
            x.Cidr, ExternalGroup, GraphNodeKind.External),
        _ => new("unknown", "unknown", ExternalGroup, GraphNodeKind.External),
    };

    private static string Add(Dictionary<string, GraphNode> nodes, Dictionary<string, SortedSet<string>> externalNames,
        WorkloadReference? workload, TrafficPeer? peer)
    {
        var node = workload is not null ? WorkloadNode(workload) : PeerNode(peer!);
        nodes.TryAdd(node.Id, node);

        // One external CIDR may be reached by different names from different workloads: show them all.
        if (peer?.External is { DnsNames.Count: > 0 } external)
        {
            if (!externalNames.TryGetValue(node.Id, out var names))
            {
                externalNames[node.Id] = names = new SortedSet<string>(StringComparer.Ordinal);
            }

            names.UnionWith(external.DnsNames);
        }

        return node.Id;
    }

    private static void AddEdge(Dictionary<(string, string), SortedSet<(string, int)>> edges, string from, string to, TrafficEntry entry)
    {
        if (!edges.TryGetValue((from, to), out var ports))
        {
            edges[(from, to)] = ports = [];
        }

        ports.Add((entry.Protocol, entry.Port));
    }

    private static bool IsCrossNamespace(GraphNode from, GraphNode to) =>
        from.Kind is GraphNodeKind.Workload or GraphNodeKind.Service
        && to.Kind is GraphNodeKind.Workload or GraphNodeKind.Service
        && from.Group != to.Group;
}
