using System.Net;

namespace PolicyOperator.Demo.Topology;

/// <summary>
/// A server outside the cluster: a test pod that is not in the inventory, reached by a DNS name the
/// cluster DNS answers with an address from a documentation range (TEST-NET-3), routed to that pod by
/// the node. Nothing leaves the machine.
/// </summary>
internal sealed record ExternalEndpoint(string DnsName, IPAddress Address, int Port);
