using PolicyOperator.Api.Core;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Queue;

namespace PolicyOperator.Controllers.Generators;

/// <summary>
/// A namespace's labels choose its PolicyGenerator and its environment in the cross-namespace report:
/// when they change, every observed workload of the namespace is reconciled.
/// </summary>
public sealed class NamespaceEnqueuer(WorkQueue<ObjectKey> queue, SharedInformer<ObservedTraffic> traffic) : IResourceEventHandler<Namespace>
{
    public void OnAdded(Namespace value) => Enqueue(value);

    public void OnUpdated(Namespace oldValue, Namespace newValue)
    {
        var before = oldValue.Metadata.Labels ?? new Dictionary<string, string>();
        var after = newValue.Metadata.Labels ?? new Dictionary<string, string>();
        if (before.Count != after.Count || before.Any(pair => after.GetValueOrDefault(pair.Key) != pair.Value))
        {
            Enqueue(newValue);
        }
    }

    public void OnDeleted(Namespace value)
    {
        // Its objects go with it; their deletions reconcile what is left.
    }

    private void Enqueue(Namespace ns)
    {
        // Its workloads, and the workloads elsewhere that talk to them (the environment is in their report too).
        foreach (var key in traffic.Cache.ByIndex(InformerCache<ObservedTraffic>.NamespaceIndex, ns.Metadata.Name ?? string.Empty)
                     .Where(t => TrafficIndexes.IsProposable(t.Spec.Workload))
                     .Select(t => Proposals.ProposalNaming.KeyFor(t.Spec.Workload))
                     .Distinct()
                     .SelectMany(workload => AffectedProposals.Of(traffic.Cache, workload))
                     .Distinct())
        {
            queue.Add(key);
        }
    }
}
