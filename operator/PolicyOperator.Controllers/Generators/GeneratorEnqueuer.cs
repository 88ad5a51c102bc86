using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Queue;

namespace PolicyOperator.Controllers.Generators;

/// <summary>A PolicyGenerator change can change every proposal's mode and options: reconciles every observed workload (peers included: a workload known from its peers only has a proposal too).</summary>
public sealed class GeneratorEnqueuer(WorkQueue<ObjectKey> queue, SharedInformer<ObservedTraffic> traffic) : IResourceEventHandler<PolicyGenerator>
{
    public void OnAdded(PolicyGenerator value) => EnqueueAll();

    public void OnUpdated(PolicyGenerator oldValue, PolicyGenerator newValue) => EnqueueAll();

    public void OnDeleted(PolicyGenerator value) => EnqueueAll();

    private void EnqueueAll()
    {
        foreach (var key in traffic.Cache.List().SelectMany(TrafficIndexes.ProposalKeys).Distinct())
        {
            queue.Add(key);
        }
    }
}
