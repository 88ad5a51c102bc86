using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Connectivity;

/// <summary>
/// A semantic diff of two policy sets over the same workloads: which connections become allowed and
/// which become denied. External address ranges are split by the ipBlocks of both sets, so that each
/// range means the same in both.
/// </summary>
public static class ConnectivityDiff
{
    /// <summary>The changed pairs, sorted by source then destination.</summary>
    public static IReadOnlyList<ConnectionChange> Compare(InventoryIndex inventory, PolicySet from, PolicySet to, bool hostNetworkAsPod = true)
    {
        var workloads = WorkloadPeers.FromInventory(inventory, hostNetworkAsPod);
        var both = from.Policies.Concat(to.Policies).ToList();
        var sources = Externals(ExternalRanges.Split(both.SelectMany(p => p.IngressIpRanges)));
        var destinations = Externals(ExternalRanges.Split(both.SelectMany(p => p.EgressIpRanges)));
        var before = ByPair(ConnectivityAnalyzer.Analyze(from, workloads, sources, destinations));
        var after = ByPair(ConnectivityAnalyzer.Analyze(to, workloads, sources, destinations));

        var changes = new List<ConnectionChange>();
        foreach (var pair in before.Keys.Union(after.Keys).Order())
        {
            var old = before.GetValueOrDefault(pair) ?? ConnectionSet.None;
            var @new = after.GetValueOrDefault(pair) ?? ConnectionSet.None;
            var allowed = @new.Subtract(old);
            var denied = old.Subtract(@new);
            if (!allowed.IsEmpty || !denied.IsEmpty)
            {
                changes.Add(new ConnectionChange(pair.Source, pair.Destination, allowed, denied));
            }
        }

        return changes;
    }

    private static Dictionary<(string Source, string Destination), ConnectionSet> ByPair(IEnumerable<AllowedConnection> connections) =>
        connections.ToDictionary(c => (c.Source.Name, c.Destination.Name), c => c.Connections);

    private static List<ConnectivityPeer> Externals(IEnumerable<IpRange> ranges) =>
        [.. ranges.Select(r => new ConnectivityPeer($"{r}[External]", FlowEndpoint.ForAddress(r.First), true))];
}
