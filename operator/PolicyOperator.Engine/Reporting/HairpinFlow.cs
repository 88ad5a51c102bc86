namespace PolicyOperator.Engine.Reporting;

/// <summary>A workload reaching something of its own cluster through an outside address or name.</summary>
/// <param name="Source">The client workload.</param>
/// <param name="Destination">The outside (or node) end it dialled.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="Port">The destination port.</param>
/// <param name="Connections">Connections.</param>
/// <param name="Target">What of the cluster is behind the address: <c>service shop/web</c>, <c>node n1</c>, or a workload.</param>
/// <param name="Reason">Which rule matched, with the address or name.</param>
/// <param name="Suggestion">The in-cluster name to use instead, where there is one.</param>
public sealed record HairpinFlow(
    TrafficEndpoint Source,
    TrafficEndpoint Destination,
    string Protocol,
    int Port,
    long Connections,
    string Target,
    string Reason,
    string? Suggestion);
