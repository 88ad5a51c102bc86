namespace PolicyOperator.Api.V1Alpha1;

/// <summary>The difference between the proposed policies and the ones in the cluster, in rules and as text.</summary>
public sealed record PolicyDiff
{
    public int AddedRules { get; init; }

    public int RemovedRules { get; init; }

    public int UnchangedRules { get; init; }

    /// <summary>A unified diff of the canonical YAML (bounded; truncation is said in the text).</summary>
    public string? Text { get; init; }
}
