using PolicyOperator.Ingest.Traffic;

namespace PolicyOperator.Observation.Attribution;

/// <summary>The flows of one sensor snapshot, attributed, and what could not be.</summary>
/// <param name="Flows">Flows with a local workload and a remote peer.</param>
/// <param name="Unattributed">Flows whose local end is no known workload, by reason.</param>
/// <param name="Ignored">Flows left out on purpose (loopback, node processes in a cluster).</param>
public sealed record AttributionResult(IReadOnlyList<AttributedFlow> Flows, IReadOnlyDictionary<string, long> Unattributed, long Ignored)
{
    /// <summary>All unattributed flows.</summary>
    public long UnattributedTotal => Unattributed.Values.Sum();
}
