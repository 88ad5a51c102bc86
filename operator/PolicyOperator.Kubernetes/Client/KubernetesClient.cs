using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Batch;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Events;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Kubernetes.Configuration;

namespace PolicyOperator.Kubernetes.Client;

/// <summary>
/// The Kubernetes client: typed accessors for the resources this project uses, and
/// <see cref="Resource{T}"/> for any other. Thread-safe; one per process is enough.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly ApiConnection _connection;
    private readonly ILogger _logger;

    public KubernetesClient(KubernetesClientConfiguration configuration, KubernetesClientOptions? options = null, ILogger<KubernetesClient>? logger = null)
    {
        Configuration = configuration;
        Options = options ?? new KubernetesClientOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _connection = new ApiConnection(configuration, Options, _logger);
    }

    public KubernetesClientConfiguration Configuration { get; }

    public KubernetesClientOptions Options { get; }

    public ResourceClient<Namespace> Namespaces => Resource<Namespace>(ResourceDescriptor.Namespaces);

    public ResourceClient<Node> Nodes => Resource<Node>(ResourceDescriptor.Nodes);

    public ResourceClient<Pod> Pods => Resource<Pod>(ResourceDescriptor.Pods);

    public ResourceClient<Service> Services => Resource<Service>(ResourceDescriptor.Services);

    public ResourceClient<EndpointSlice> EndpointSlices => Resource<EndpointSlice>(ResourceDescriptor.EndpointSlices);

    public ResourceClient<Deployment> Deployments => Resource<Deployment>(ResourceDescriptor.Deployments);

    public ResourceClient<ReplicaSet> ReplicaSets => Resource<ReplicaSet>(ResourceDescriptor.ReplicaSets);

    public ResourceClient<StatefulSet> StatefulSets => Resource<StatefulSet>(ResourceDescriptor.StatefulSets);

    public ResourceClient<DaemonSet> DaemonSets => Resource<DaemonSet>(ResourceDescriptor.DaemonSets);

    public ResourceClient<Job> Jobs => Resource<Job>(ResourceDescriptor.Jobs);

    public ResourceClient<CronJob> CronJobs => Resource<CronJob>(ResourceDescriptor.CronJobs);

    public ResourceClient<NetworkPolicy> NetworkPolicies => Resource<NetworkPolicy>(ResourceDescriptor.NetworkPolicies);

    /// <summary>coordination.k8s.io/v1 leases.</summary>
    public ResourceClient<Lease> Leases => Resource<Lease>(ResourceDescriptor.Leases);

    /// <summary>events.k8s.io/v1 events.</summary>
    public ResourceClient<Event> Events => Resource<Event>(ResourceDescriptor.Events);

    /// <summary>policyoperator.io/v1alpha1 observedtraffics.</summary>
    public ResourceClient<ObservedTraffic> ObservedTraffics => Resource<ObservedTraffic>(ResourceDescriptor.ObservedTraffics);

    /// <summary>policyoperator.io/v1alpha1 networkpolicyproposals.</summary>
    public ResourceClient<NetworkPolicyProposal> NetworkPolicyProposals => Resource<NetworkPolicyProposal>(ResourceDescriptor.NetworkPolicyProposals);

    /// <summary>policyoperator.io/v1alpha1 policygenerators (cluster-scoped).</summary>
    public ResourceClient<PolicyGenerator> PolicyGenerators => Resource<PolicyGenerator>(ResourceDescriptor.PolicyGenerators);

    /// <summary>
    /// Calls on any resource type; <typeparamref name="T"/> must be serializable through
    /// <see cref="KubernetesClientOptions.Json"/>.
    /// </summary>
    public ResourceClient<T> Resource<T>(ResourceDescriptor resource)
        where T : class, IKubernetesObject<ObjectMeta> =>
        new(_connection, resource, Options.Json, _logger);

    public void Dispose() => _connection.Dispose();
}
