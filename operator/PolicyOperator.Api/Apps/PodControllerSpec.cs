using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Apps;

/// <summary>
/// The spec fields Deployment, ReplicaSet, StatefulSet and DaemonSet share (the subset this project
/// reads): the selector that stays stable across rollouts, and the pod template.
/// </summary>
public sealed record PodControllerSpec
{
    public LabelSelector? Selector { get; init; }

    public PodTemplateSpec? Template { get; init; }

    public int? Replicas { get; init; }
}
