using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Events;
using PolicyOperator.Api.Meta;
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

    /// <summary>coordination.k8s.io/v1 leases.</summary>
    public ResourceClient<Lease> Leases => Resource<Lease>(ResourceDescriptor.Leases);

    /// <summary>events.k8s.io/v1 events.</summary>
    public ResourceClient<Event> Events => Resource<Event>(ResourceDescriptor.Events);

    /// <summary>policyoperator.io/v1alpha1 observedtraffics.</summary>
    public ResourceClient<ObservedTraffic> ObservedTraffics => Resource<ObservedTraffic>(ResourceDescriptor.ObservedTraffics);

    /// <summary>
    /// Calls on any resource type; <typeparamref name="T"/> must be serializable through
    /// <see cref="KubernetesClientOptions.Json"/>.
    /// </summary>
    public ResourceClient<T> Resource<T>(ResourceDescriptor resource)
        where T : class, IKubernetesObject<ObjectMeta> =>
        new(_connection, resource, Options.Json, _logger);

    public void Dispose() => _connection.Dispose();
}
