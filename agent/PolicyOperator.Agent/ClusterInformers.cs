using Microsoft.Extensions.Logging;
using PolicyOperator.Api.Meta;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Observation.Attribution;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Metrics;

namespace PolicyOperator.Agent;

/// <summary>
/// What attribution needs of the cluster, kept current by informers: this node's pods (a
/// <c>spec.nodeName</c> field selector: cgroup -> pod UID), every pod (remote IPs), Services,
/// EndpointSlices (target ports), nodes (node IPs), and the workload controllers (owner chains and
/// their selectors).
/// </summary>
public sealed class ClusterInformers
{
    private readonly SharedInformer<Api.Core.Pod> _nodePods;
    private readonly SharedInformer<Api.Core.Pod> _pods;
    private readonly SharedInformer<Api.Core.Service> _services;
    private readonly SharedInformer<Api.Discovery.EndpointSlice> _slices;
    private readonly SharedInformer<Api.Core.Node> _nodes;
    private readonly SharedInformer<Api.Core.Namespace> _namespaces;
    private readonly SharedInformer<Api.Apps.Deployment> _deployments;
    private readonly SharedInformer<Api.Apps.ReplicaSet> _replicaSets;
    private readonly SharedInformer<Api.Apps.StatefulSet> _statefulSets;
    private readonly SharedInformer<Api.Apps.DaemonSet> _daemonSets;
    private readonly SharedInformer<Api.Batch.Job> _jobs;
    private readonly SharedInformer<Api.Batch.CronJob> _cronJobs;

    /// <summary>Creates the informers; <see cref="RunAsync"/> starts them.</summary>
    public ClusterInformers(KubernetesClient client, string nodeName, ILoggerFactory loggers, MetricsRegistry metrics)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggers);
        SharedInformer<T> Informer<T>(string name, ResourceClient<T> resource, ListOptions? selectors = null)
            where T : class, IKubernetesObject<ObjectMeta> =>
            new(name, new ResourceListWatch<T>(resource, null, selectors), null, loggers.CreateLogger($"informer.{name}"), metrics);

        _nodePods = Informer("node-pods", client.Pods, new ListOptions { FieldSelector = $"spec.nodeName={nodeName}" });
        _pods = Informer("pods", client.Pods);
        _services = Informer("services", client.Services);
        _slices = Informer("endpointslices", client.EndpointSlices);
        _nodes = Informer("nodes", client.Nodes);
        _namespaces = Informer("namespaces", client.Namespaces);
        _deployments = Informer("deployments", client.Deployments);
        _replicaSets = Informer("replicasets", client.ReplicaSets);
        _statefulSets = Informer("statefulsets", client.StatefulSets);
        _daemonSets = Informer("daemonsets", client.DaemonSets);
        _jobs = Informer("jobs", client.Jobs);
        _cronJobs = Informer("cronjobs", client.CronJobs);
        All = [_nodePods, _pods, _services, _slices, _nodes, _namespaces, _deployments, _replicaSets, _statefulSets, _daemonSets, _jobs, _cronJobs];
    }

    /// <summary>Every informer (for readiness).</summary>
    public IReadOnlyList<IInformer> All { get; }

    /// <summary>True when every cache has listed once.</summary>
    public bool HasSynced => All.All(i => i.HasSynced);

    /// <summary>Runs every informer until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(All.Select(i => i.RunAsync(cancellationToken)));

    /// <summary>Waits until every cache has listed once.</summary>
    public async Task WaitForSyncAsync(CancellationToken cancellationToken)
    {
        while (!HasSynced)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>The cluster as the caches hold it now. This node's pods come first: they are the freshest.</summary>
    public InventorySnapshot Snapshot()
    {
        var nodePods = _nodePods.Cache.List();
        var uids = nodePods.Select(p => p.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        return new InventorySnapshot(new ClusterInventory
        {
            Pods = [.. nodePods, .. _pods.Cache.List().Where(p => !uids.Contains(p.Metadata.Uid))],
            Services = _services.Cache.List(),
            EndpointSlices = _slices.Cache.List(),
            Nodes = _nodes.Cache.List(),
            Namespaces = _namespaces.Cache.List(),
            Deployments = _deployments.Cache.List(),
            ReplicaSets = _replicaSets.Cache.List(),
            StatefulSets = _statefulSets.Cache.List(),
            DaemonSets = _daemonSets.Cache.List(),
            Jobs = _jobs.Cache.List(),
            CronJobs = _cronJobs.Cache.List(),
        });
    }
}
