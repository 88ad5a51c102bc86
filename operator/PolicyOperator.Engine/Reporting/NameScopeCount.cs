namespace PolicyOperator.Engine.Reporting;

/// <summary>Internal versus external names one workload asked for.</summary>
/// <param name="Source">The workload.</param>
/// <param name="InternalNames">Distinct cluster names asked for.</param>
/// <param name="InternalQueries">Questions for cluster names.</param>
/// <param name="ExternalNames">Distinct outside names asked for.</param>
/// <param name="ExternalQueries">Questions for outside names.</param>
/// <param name="External">The outside names, sorted.</param>
public sealed record NameScopeCount(
    TrafficSource Source,
    int InternalNames,
    long InternalQueries,
    int ExternalNames,
    long ExternalQueries,
    IReadOnlyList<string> External);
