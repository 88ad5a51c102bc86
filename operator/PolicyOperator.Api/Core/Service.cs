using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Core;

/// <summary>core/v1 Service. Policies select its backends by <c>spec.selector</c>, never by the Service's own labels.</summary>
public sealed record Service : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "v1";

    public string Kind { get; init; } = "Service";

    public ObjectMeta Metadata { get; init; } = new();

    public ServiceSpec Spec { get; init; } = new();

    public ServiceStatus? Status { get; init; }
}
