namespace PolicyOperator.Engine.Reporting;

/// <summary>Traffic from a workload of one cluster to something in another cluster.</summary>
/// <param name="Source">The client (with its cluster).</param>
/// <param name="Destination">The server (with its cluster), resolved from an address where needed.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="Port">The destination port.</param>
/// <param name="Connections">Connections.</param>
/// <param name="Evidence">Why it is cross-cluster, from each record that saw it: the peer's cluster label, or the address another cluster's records show as its own (sorted).</param>
public sealed record CrossClusterFlow(TrafficEndpoint Source, TrafficEndpoint Destination, string Protocol, int Port, long Connections, IReadOnlyList<string> Evidence);
