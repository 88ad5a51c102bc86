namespace PolicyOperator.Engine.Graph;

/// <summary>Connections from one node to another, with the ports they used (sorted, like <c>TCP 8080</c>).</summary>
/// <param name="From">Source node id.</param>
/// <param name="To">Destination node id.</param>
/// <param name="Ports">The protocol/port labels.</param>
/// <param name="CrossNamespace">True when both ends are workloads in different namespaces.</param>
/// <param name="Denied">True when a verification found this traffic denied by the policies.</param>
public sealed record GraphEdge(string From, string To, IReadOnlyList<string> Ports, bool CrossNamespace, bool Denied);
