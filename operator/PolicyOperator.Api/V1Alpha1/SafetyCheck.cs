namespace PolicyOperator.Api.V1Alpha1;

/// <summary>The result of replaying every observed flow against the proposed and existing policies.</summary>
public sealed record SafetyCheck
{
    public required SafetyCheckResult Result { get; init; }

    public long FlowsReplayed { get; init; }

    public long FlowsDenied { get; init; }

    /// <summary>Examples of denied flows (bounded; <see cref="FlowsDenied"/> has the count).</summary>
    public IReadOnlyList<FlowReference> DeniedFlows { get; init; } = [];

    public DateTimeOffset? CheckedAt { get; init; }
}
