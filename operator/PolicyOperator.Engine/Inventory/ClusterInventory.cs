using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Batch;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Networking;

namespace PolicyOperator.Engine.Inventory;

/// <summary>
/// What the cluster holds, as read from <c>kubectl get ... -o json</c>, manifests, or an informer
/// cache. Pure data; <see cref="InventoryIndex"/> answers questions about it.
/// </summary>
public sealed record ClusterInventory
{
    public static ClusterInventory Empty { get; } = new();

    public IReadOnlyList<Namespace> Namespaces { get; init; } = [];

    public IReadOnlyList<Pod> Pods { get; init; } = [];

    public IReadOnlyList<Service> Services { get; init; } = [];

    public IReadOnlyList<EndpointSlice> EndpointSlices { get; init; } = [];

    public IReadOnlyList<Node> Nodes { get; init; } = [];

    public IReadOnlyList<Deployment> Deployments { get; init; } = [];

    public IReadOnlyList<ReplicaSet> ReplicaSets { get; init; } = [];

    public IReadOnlyList<StatefulSet> StatefulSets { get; init; } = [];

    public IReadOnlyList<DaemonSet> DaemonSets { get; init; } = [];

    public IReadOnlyList<Job> Jobs { get; init; } = [];

    public IReadOnlyList<CronJob> CronJobs { get; init; } = [];

    /// <summary>NetworkPolicies that came with the inventory (for example the ones already applied).</summary>
    public IReadOnlyList<NetworkPolicy> NetworkPolicies { get; init; } = [];

    /// <summary>Combines two inventories (for several --inventory inputs).</summary>
    public ClusterInventory Concat(ClusterInventory other) => new()
    {
        Namespaces = [.. Namespaces, .. other.Namespaces],
        Pods = [.. Pods, .. other.Pods],
        Services = [.. Services, .. other.Services],
        EndpointSlices = [.. EndpointSlices, .. other.EndpointSlices],
        Nodes = [.. Nodes, .. other.Nodes],
        Deployments = [.. Deployments, .. other.Deployments],
        ReplicaSets = [.. ReplicaSets, .. other.ReplicaSets],
        StatefulSets = [.. StatefulSets, .. other.StatefulSets],
        DaemonSets = [.. DaemonSets, .. other.DaemonSets],
        Jobs = [.. Jobs, .. other.Jobs],
        CronJobs = [.. CronJobs, .. other.CronJobs],
        NetworkPolicies = [.. NetworkPolicies, .. other.NetworkPolicies],
    };
}
