using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Observation.Attribution;

/// <summary>The remote end of a flow and the port as enforced.</summary>
/// <param name="Peer">The pod's workload, the Service, the node, or the external address.</param>
/// <param name="Port">The destination port as the CNI enforces it (a Service's target port after DNAT).</param>
/// <param name="ServicePort">The Service port dialled, where it differs from <paramref name="Port"/>.</param>
public sealed record RemoteEndpoint(TrafficPeer Peer, int Port, int? ServicePort);
