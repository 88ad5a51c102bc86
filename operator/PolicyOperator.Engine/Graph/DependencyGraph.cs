namespace PolicyOperator.Engine.Graph;

/// <summary>
/// Who talks to whom: nodes grouped by namespace, edges labelled with ports. Nodes and edges are
/// sorted canonically so that every renderer gives the same bytes for the same traffic.
/// </summary>
public sealed record DependencyGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges)
{
    /// <summary>The groups (namespaces first, then Nodes and External) in display order.</summary>
    public IReadOnlyList<string> Groups =>
        Nodes.Select(n => n.Group).Distinct().OrderBy(GroupRank).ThenBy(g => g, StringComparer.Ordinal).ToList();

    /// <summary>Marks the edges matching <paramref name="denied"/> (source id, destination id) as denied.</summary>
    public DependencyGraph WithDenied(IEnumerable<(string From, string To)> denied)
    {
        var set = denied.ToHashSet();
        return this with { Edges = Edges.Select(e => set.Contains((e.From, e.To)) ? e with { Denied = true } : e).ToList() };
    }

    private static int GroupRank(string group) => group switch
    {
        DependencyGraphBuilder.NodesGroup => 1,
        DependencyGraphBuilder.ExternalGroup => 2,
        _ => 0,
    };
}
