using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Batch;

/// <summary>batch/v1 JobTemplateSpec.</summary>
public sealed record JobTemplateSpec
{
    public ObjectMeta? Metadata { get; init; }

    public JobSpec? Spec { get; init; }
}
