using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>What a generator covers now and when it last produced proposals.</summary>
public sealed record PolicyGeneratorStatus
{
    public long? ObservedGeneration { get; init; }

    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>The namespaces its selector matches.</summary>
    public int Namespaces { get; init; }

    /// <summary>The workloads it observes.</summary>
    public int Workloads { get; init; }

    /// <summary>The proposals it owns.</summary>
    public int Proposals { get; init; }

    public DateTimeOffset? LearningSince { get; init; }

    public DateTimeOffset? LastSynthesisTime { get; init; }
}
