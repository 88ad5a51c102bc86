using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// One connection or packet flow, attributed, before aggregation: from a third-party source (one
/// connection at <see cref="Time"/>), or measured by the agent's sensor (<see cref="Counts"/>).
/// </summary>
/// <param name="Node">The node that observed it.</param>
/// <param name="Workload">The local workload (the one the policy is for).</param>
/// <param name="Direction">Ingress: the peer connected to the workload; egress: the workload connected to the peer.</param>
/// <param name="Peer">The other side.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="Port">The destination port as enforced (post-DNAT).</param>
/// <param name="ServicePort">The Service port dialled, where it differs.</param>
/// <param name="Time">When it was seen, where known.</param>
/// <param name="Cluster">The cluster of the observing side, where the source names it.</param>
public sealed record AttributedFlow(
    string Node,
    WorkloadReference Workload,
    TrafficDirection Direction,
    TrafficPeer Peer,
    string Protocol,
    int Port,
    int? ServicePort,
    DateTimeOffset? Time,
    string? Cluster = null)
{
    /// <summary>Measured totals (connections, bytes, first/last seen); null counts one connection at <see cref="Time"/>.</summary>
    public FlowCounts? Counts { get; init; }

    /// <summary>The process on the workload's side, where known.</summary>
    public ProcessReference? Process { get; init; }

    /// <summary>Addresses and ports of one connection of this flow, for joining its two ends across NAT.</summary>
    public ConnectionSample? Sample { get; init; }
}
