using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Apps;

/// <summary>apps/v1 StatefulSet (subset).</summary>
public sealed record StatefulSet : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "apps/v1";

    public string Kind { get; init; } = "StatefulSet";

    public ObjectMeta Metadata { get; init; } = new();

    public PodControllerSpec Spec { get; init; } = new();
}
