using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Batch;

/// <summary>batch/v1 CronJob (subset).</summary>
public sealed record CronJob : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "batch/v1";

    public string Kind { get; init; } = "CronJob";

    public ObjectMeta Metadata { get; init; } = new();

    public CronJobSpec Spec { get; init; } = new();
}
