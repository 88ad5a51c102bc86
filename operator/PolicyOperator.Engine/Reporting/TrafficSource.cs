using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Who made traffic or DNS queries, down to the level a report groups by. Fields finer than
/// <see cref="Level"/> are null; <see cref="Unattributed"/> stands for a pod, container or process
/// the record did not name.
/// </summary>
public sealed record TrafficSource
{
    /// <summary>The placeholder for a part of the source that the record did not attribute.</summary>
    public const string Unattributed = "(unattributed)";

    public required SourceLevel Level { get; init; }

    public string? Cluster { get; init; }

    public required string Namespace { get; init; }

    public string? Workload { get; init; }

    public string? WorkloadKind { get; init; }

    public string? Pod { get; init; }

    public string? Container { get; init; }

    public string? Process { get; init; }

    /// <summary>The observed workload of a record, at <see cref="SourceLevel.Workload"/>.</summary>
    public static TrafficSource WorkloadOf(ObservedTrafficSpec spec) => new()
    {
        Level = SourceLevel.Workload,
        Cluster = spec.Cluster,
        Namespace = spec.Workload.Namespace,
        Workload = spec.Workload.Name,
        WorkloadKind = spec.Workload.Kind,
    };

    /// <summary>
    /// The display form, prefixed by <c>cluster:</c> where known: <c>shop</c>, <c>shop/web</c>,
    /// <c>shop/web pod web-7d9f-x2x</c>, <c>shop/web container nginx</c>,
    /// <c>shop/web container nginx process curl</c>.
    /// </summary>
    public override string ToString()
    {
        var prefix = Cluster is null ? string.Empty : $"{Cluster}:";
        return Level switch
        {
            SourceLevel.Namespace => $"{prefix}{Namespace}",
            SourceLevel.Workload => $"{prefix}{Namespace}/{Workload}",
            SourceLevel.Pod => $"{prefix}{Namespace}/{Workload} pod {Pod}",
            SourceLevel.Container => $"{prefix}{Namespace}/{Workload} container {Container}",
            _ => $"{prefix}{Namespace}/{Workload} container {Container} process {Process}",
        };
    }
}
