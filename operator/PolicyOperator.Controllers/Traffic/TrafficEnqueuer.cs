using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Queue;

namespace PolicyOperator.Controllers.Traffic;

/// <summary>
/// Maps ObservedTraffic changes to the proposals they concern (controller-runtime's "watches with a map
/// function"): the observed workload's, and every peer workload's, since a connection needs both ends.
/// </summary>
public sealed class TrafficEnqueuer(WorkQueue<ObjectKey> queue) : IResourceEventHandler<ObservedTraffic>
{
    public void OnAdded(ObservedTraffic value) => Enqueue(TrafficIndexes.ProposalKeys(value));

    public void OnUpdated(ObservedTraffic oldValue, ObservedTraffic newValue) =>
        Enqueue(TrafficIndexes.ProposalKeys(oldValue).Concat(TrafficIndexes.ProposalKeys(newValue)).Distinct());

    public void OnDeleted(ObservedTraffic value) => Enqueue(TrafficIndexes.ProposalKeys(value));

    private void Enqueue(IEnumerable<ObjectKey> keys)
    {
        foreach (var key in keys)
        {
            queue.Add(key);
        }
    }
}
