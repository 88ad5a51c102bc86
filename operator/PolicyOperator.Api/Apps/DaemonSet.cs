using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Apps;

/// <summary>apps/v1 DaemonSet (subset).</summary>
public sealed record DaemonSet : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "apps/v1";

    public string Kind { get; init; } = "DaemonSet";

    public ObjectMeta Metadata { get; init; } = new();

    public PodControllerSpec Spec { get; init; } = new();
}
