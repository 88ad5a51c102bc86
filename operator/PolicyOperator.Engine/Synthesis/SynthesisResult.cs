namespace PolicyOperator.Engine.Synthesis;

/// <summary>The policies (sorted by namespace and name) and what could not be resolved.</summary>
public sealed record SynthesisResult
{
    public IReadOnlyList<SynthesizedPolicy> Policies { get; init; } = [];

    public IReadOnlyList<SynthesisFinding> Findings { get; init; } = [];
}
