using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Batch;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Runtime.Informers;

namespace PolicyOperator.Controllers.Inventory;

/// <summary>
/// The cluster as the informer caches hold it, as the engine's <see cref="ClusterInventory"/> and
/// <see cref="InventoryIndex"/>. Rebuilt only after a cached object changed, so that thousands of
/// reconciles in a row share one snapshot.
/// </summary>
public sealed class InventorySnapshot
{
    private readonly Lock _lock = new();
    private readonly Func<ClusterInventory> _read;
    private readonly List<IInformer> _informers = [];
    private long _version;
    private long _builtVersion = -1;
    private (ClusterInventory Inventory, InventoryIndex Index) _current;

    public InventorySnapshot(
        SharedInformer<Namespace> namespaces,
        SharedInformer<Pod> pods,
        SharedInformer<Service> services,
        SharedInformer<EndpointSlice> endpointSlices,
        SharedInformer<Node> nodes,
        SharedInformer<NetworkPolicy> networkPolicies,
        SharedInformer<Deployment> deployments,
        SharedInformer<ReplicaSet> replicaSets,
        SharedInformer<StatefulSet> statefulSets,
        SharedInformer<DaemonSet> daemonSets,
        SharedInformer<Job> jobs,
        SharedInformer<CronJob> cronJobs)
    {
        Watch(namespaces);
        Watch(pods);
        Watch(services);
        Watch(endpointSlices);
        Watch(nodes);
        Watch(networkPolicies);
        Watch(deployments);
        Watch(replicaSets);
        Watch(statefulSets);
        Watch(daemonSets);
        Watch(jobs);
        Watch(cronJobs);
        NetworkPolicies = networkPolicies;
        _read = () => new ClusterInventory
        {
            Namespaces = namespaces.Cache.List(),
            Pods = pods.Cache.List(),
            Services = services.Cache.List(),
            EndpointSlices = endpointSlices.Cache.List(),
            Nodes = nodes.Cache.List(),
            NetworkPolicies = networkPolicies.Cache.List(),
            Deployments = deployments.Cache.List(),
            ReplicaSets = replicaSets.Cache.List(),
            StatefulSets = statefulSets.Cache.List(),
            DaemonSets = daemonSets.Cache.List(),
            Jobs = jobs.Cache.List(),
            CronJobs = cronJobs.Cache.List(),
        };
    }

    /// <summary>The NetworkPolicy informer (its cache answers which managed policies exist).</summary>
    public SharedInformer<NetworkPolicy> NetworkPolicies { get; }

    /// <summary>The inventory and its index as of the last change.</summary>
    public (ClusterInventory Inventory, InventoryIndex Index) Current()
    {
        lock (_lock)
        {
            var version = Interlocked.Read(ref _version);
            if (version != _builtVersion)
            {
                var inventory = _read();
                _current = (inventory, new InventoryIndex(inventory));
                _builtVersion = version;
            }

            return _current;
        }
    }

    /// <summary>True once every inventory cache was filled by its first list.</summary>
    public bool HasSynced => _informers.All(i => i.HasSynced);

    private void Watch<T>(SharedInformer<T> informer)
        where T : class, IKubernetesObject<ObjectMeta>
    {
        _informers.Add(informer);
        informer.AddHandler(new ChangeCounter<T>(() => Interlocked.Increment(ref _version)));
    }

    private sealed class ChangeCounter<T>(Action changed) : IResourceEventHandler<T>
    {
        public void OnAdded(T value) => changed();

        public void OnUpdated(T oldValue, T newValue) => changed();

        public void OnDeleted(T value) => changed();
    }
}
