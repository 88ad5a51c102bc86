using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Apps;

/// <summary>apps/v1 Deployment (subset).</summary>
public sealed record Deployment : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "apps/v1";

    public string Kind { get; init; } = "Deployment";

    public ObjectMeta Metadata { get; init; } = new();

    public PodControllerSpec Spec { get; init; } = new();
}
