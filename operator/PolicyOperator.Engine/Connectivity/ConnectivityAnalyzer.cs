using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Connectivity;

/// <summary>
/// The allowed connections between every pair of workloads, and between workloads and each external
/// address range, under a policy set: np-guard's connectivity list. A workload's connections to itself
/// and external-to-external pairs are left out, as np-guard does.
/// </summary>
public static class ConnectivityAnalyzer
{
    /// <summary>Analyzes the workloads of an inventory under a policy set (host-network pods as pods: np-guard's model).</summary>
    public static IReadOnlyList<AllowedConnection> Analyze(InventoryIndex inventory, PolicySet policies, bool hostNetworkAsPod = true)
    {
        var workloads = WorkloadPeers.FromInventory(inventory, hostNetworkAsPod);
        var sources = Externals(ExternalRanges.Split(policies.Policies.SelectMany(p => p.IngressIpRanges)));
        var destinations = Externals(ExternalRanges.Split(policies.Policies.SelectMany(p => p.EgressIpRanges)));
        return Analyze(policies, workloads, sources, destinations);
    }

    /// <summary>Analyzes the given peers (external sources and destinations apart); the result is sorted by its printed line.</summary>
    public static IReadOnlyList<AllowedConnection> Analyze(
        PolicySet policies,
        IReadOnlyList<ConnectivityPeer> workloads,
        IReadOnlyList<ConnectivityPeer> externalSources,
        IReadOnlyList<ConnectivityPeer> externalDestinations)
    {
        var result = new List<AllowedConnection>();
        foreach (var source in workloads.Concat(externalSources))
        {
            foreach (var destination in source.IsExternal ? workloads : workloads.Concat(externalDestinations))
            {
                if (ReferenceEquals(source, destination))
                {
                    continue;
                }

                var connections = policies.AllowedConnections(source.Endpoint, destination.Endpoint);
                if (!connections.IsEmpty)
                {
                    result.Add(new AllowedConnection(source, destination, connections));
                }
            }
        }

        return [.. result.OrderBy(c => c.ToString(), StringComparer.Ordinal)];
    }

    private static List<ConnectivityPeer> Externals(IEnumerable<IpRange> ranges) =>
        [.. ranges.Select(r => new ConnectivityPeer($"{r}[External]", FlowEndpoint.ForAddress(r.First), true))];
}
