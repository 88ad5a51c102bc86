using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>One connection or packet flow from a third-party source, attributed, before aggregation.</summary>
/// <param name="Node">The node that observed it.</param>
/// <param name="Workload">The local workload (the one the policy is for).</param>
/// <param name="Direction">Ingress: the peer connected to the workload; egress: the workload connected to the peer.</param>
/// <param name="Peer">The other side.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="Port">The destination port as enforced (post-DNAT).</param>
/// <param name="ServicePort">The Service port dialled, where it differs.</param>
/// <param name="Time">When it was seen, where known.</param>
/// <param name="Cluster">The cluster of the observing side, where the source names it.</param>
internal sealed record AttributedFlow(
    string Node,
    WorkloadReference Workload,
    TrafficDirection Direction,
    TrafficPeer Peer,
    string Protocol,
    int Port,
    int? ServicePort,
    DateTimeOffset? Time,
    string? Cluster = null);
