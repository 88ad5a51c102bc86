using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Apps;

/// <summary>apps/v1 ReplicaSet (subset).</summary>
public sealed record ReplicaSet : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "apps/v1";

    public string Kind { get; init; } = "ReplicaSet";

    public ObjectMeta Metadata { get; init; } = new();

    public PodControllerSpec Spec { get; init; } = new();
}
