using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Discovery;

/// <summary>
/// discovery.k8s.io/v1 EndpointSlice: a Service's backends with their ports, which resolve a
/// Service port (and a named target port) to the port the backend really listens on.
/// </summary>
public sealed record EndpointSlice : IKubernetesObject<ObjectMeta>
{
    /// <summary>The label naming the Service a slice belongs to.</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    public string ApiVersion { get; init; } = "discovery.k8s.io/v1";

    public string Kind { get; init; } = "EndpointSlice";

    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>IPv4, IPv6 or FQDN.</summary>
    public string AddressType { get; init; } = "IPv4";

    public IReadOnlyList<Endpoint>? Endpoints { get; init; }

    public IReadOnlyList<EndpointPort>? Ports { get; init; }
}
