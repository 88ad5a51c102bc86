using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Batch;

/// <summary>batch/v1 Job (subset). Its generated selector (controller-uid) is volatile; see the synthesis rules.</summary>
public sealed record Job : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "batch/v1";

    public string Kind { get; init; } = "Job";

    public ObjectMeta Metadata { get; init; } = new();

    public JobSpec Spec { get; init; } = new();
}
