namespace PolicyOperator.Api.Batch;

/// <summary>batch/v1 CronJobSpec (subset).</summary>
public sealed record CronJobSpec
{
    public string? Schedule { get; init; }

    public JobTemplateSpec? JobTemplate { get; init; }
}
