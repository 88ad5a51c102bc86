using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Batch;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Proposals;
using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Queue;

namespace PolicyOperator.Controllers.Watches;

/// <summary>
/// A pod's labels, addresses and owners decide its workload's selector and how peers reach it: when they
/// change (or a pod comes or goes), the workload (found through its owner chain, as the engine resolves
/// it) and the workloads that talk to it are reconciled at once, not at the next resync.
/// </summary>
public sealed class PodEnqueuer(
    WorkQueue<ObjectKey> queue,
    SharedInformer<ObservedTraffic> traffic,
    SharedInformer<ReplicaSet> replicaSets,
    SharedInformer<Job> jobs) : IResourceEventHandler<Pod>
{
    public void OnAdded(Pod value) => Enqueue(value);

    public void OnUpdated(Pod oldValue, Pod newValue)
    {
        if (!WatchedChanges.Same(oldValue.Metadata.Labels, newValue.Metadata.Labels)
            || !WatchedChanges.Same(oldValue.Metadata.OwnerReferences, newValue.Metadata.OwnerReferences)
            || !WatchedChanges.Same(InventoryIndex.PodIps(oldValue).ToList(), InventoryIndex.PodIps(newValue).ToList())
            || oldValue.Spec.HostNetwork != newValue.Spec.HostNetwork)
        {
            Enqueue(oldValue);
            Enqueue(newValue);
        }
    }

    public void OnDeleted(Pod value) => Enqueue(value);

    /// <summary>The proposal key of the pod's workload (ReplicaSet -> Deployment, Job -> CronJob, or the bare pod).</summary>
    public ObjectKey WorkloadKey(Pod pod)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var owners = new ClusterInventory
        {
            Pods = [pod],
            ReplicaSets = replicaSets.Cache.ByIndex(InformerCache<ReplicaSet>.NamespaceIndex, ns),
            Jobs = jobs.Cache.ByIndex(InformerCache<Job>.NamespaceIndex, ns),
        };
        var workload = new InventoryIndex(owners).WorkloadOf(pod);
        return ProposalNaming.KeyFor(new WorkloadReference { Kind = workload.Kind, Name = workload.Name, Namespace = workload.Namespace });
    }

    private void Enqueue(Pod pod)
    {
        foreach (var key in AffectedProposals.Of(traffic.Cache, WorkloadKey(pod)))
        {
            queue.Add(key);
        }
    }
}
