using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Proposals;
using PolicyOperator.Runtime.Informers;

namespace PolicyOperator.Controllers.Traffic;

/// <summary>
/// The proposals a change to one workload concerns: its own, the peers its traffic names, and the
/// workloads whose traffic names it (a connection needs both ends' policies), found through the
/// ObservedTraffic cache's indexes without scanning.
/// </summary>
public static class AffectedProposals
{
    public static IEnumerable<ObjectKey> Of(InformerCache<ObservedTraffic> traffic, ObjectKey workload)
    {
        var indexValue = ProposalNaming.IndexValue(workload);
        return traffic.ByIndex(TrafficIndexes.ByProposal, indexValue)
            .SelectMany(TrafficIndexes.ProposalKeys)
            .Concat(traffic.ByIndex(TrafficIndexes.ByPeerProposal, indexValue)
                .Where(t => TrafficIndexes.IsProposable(t.Spec.Workload))
                .Select(t => ProposalNaming.KeyFor(t.Spec.Workload)))
            .Prepend(workload)
            .Distinct();
    }
}
