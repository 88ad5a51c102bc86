using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Core;

/// <summary>core/v1 Pod: the fields that attribution and policy evaluation use.</summary>
public sealed record Pod : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "v1";

    public string Kind { get; init; } = "Pod";

    public ObjectMeta Metadata { get; init; } = new();

    public PodSpec Spec { get; init; } = new();

    public PodStatus? Status { get; init; }
}
