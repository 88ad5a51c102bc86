using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Traffic read from files as <see cref="ObservedTraffic"/> (one per workload per node and file), with
/// everything that could not be attributed (<see cref="Notes"/>) or was left out on purpose
/// (<see cref="Skipped"/>): reported, never silently dropped.
/// </summary>
public sealed record TrafficReadResult
{
    public static TrafficReadResult Empty { get; } = new();

    public IReadOnlyList<ObservedTraffic> Traffic { get; init; } = [];

    /// <summary>Flows that could not be attributed, or only in part (for example a Service port not resolved to its target port).</summary>
    public IReadOnlyList<TrafficNote> Notes { get; init; } = [];

    public IReadOnlyList<SkippedFlows> Skipped { get; init; } = [];

    /// <summary>Combines results of several files, in order.</summary>
    public TrafficReadResult Concat(TrafficReadResult other) => new()
    {
        Traffic = [.. Traffic, .. other.Traffic],
        Notes = [.. Notes, .. other.Notes],
        Skipped = [.. Skipped, .. other.Skipped],
    };
}
