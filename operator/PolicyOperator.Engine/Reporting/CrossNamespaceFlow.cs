namespace PolicyOperator.Engine.Reporting;

/// <summary>East-west traffic from a workload in one namespace to one in another (same cluster).</summary>
/// <param name="Source">The client workload.</param>
/// <param name="Destination">The server workload or Service.</param>
/// <param name="Ports">The ports, as <c>8080/TCP</c>, sorted.</param>
/// <param name="Connections">Connections, all ports.</param>
/// <param name="SourceEnvironment">The source namespace's environment label value, where it has one.</param>
/// <param name="DestinationEnvironment">The destination namespace's environment label value, where it has one.</param>
/// <param name="EnvironmentMismatch">True when both namespaces name an environment and they differ (dev talking to prod).</param>
public sealed record CrossNamespaceFlow(
    TrafficEndpoint Source,
    TrafficEndpoint Destination,
    IReadOnlyList<string> Ports,
    long Connections,
    string? SourceEnvironment,
    string? DestinationEnvironment,
    bool EnvironmentMismatch);
