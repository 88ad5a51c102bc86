using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Batch;

/// <summary>batch/v1 JobSpec (subset).</summary>
public sealed record JobSpec
{
    public LabelSelector? Selector { get; init; }

    public PodTemplateSpec? Template { get; init; }
}
