namespace PolicyOperator.Api.V1Alpha1;

/// <summary>Label handling beyond the built-in volatile labels (pod-template-hash, controller-revision-hash, ...).</summary>
public sealed record LabelRules
{
    /// <summary>More label keys to drop from selectors; a trailing <c>/*</c> drops a whole prefix.</summary>
    public IReadOnlyList<string> ExtraVolatileLabels { get; init; } = [];
}
