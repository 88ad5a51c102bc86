using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Core;

/// <summary>core/v1 PodTemplateSpec: the pods a workload creates.</summary>
public sealed record PodTemplateSpec
{
    public ObjectMeta? Metadata { get; init; }

    public PodSpec? Spec { get; init; }
}
