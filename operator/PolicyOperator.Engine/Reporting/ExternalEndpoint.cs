namespace PolicyOperator.Engine.Reporting;

/// <summary>One outside address (or grouped CIDR) a workload reached, with how.</summary>
/// <param name="Cidr">The canonical CIDR.</param>
/// <param name="DnsNames">The names it was reached by (from the record, or the workload's DNS answers).</param>
/// <param name="Ports">The ports reached, as <c>443/TCP</c>, sorted.</param>
/// <param name="Connections">Connections, all ports.</param>
/// <param name="Bytes">Bytes sent to it, all ports.</param>
public sealed record ExternalEndpoint(string Cidr, IReadOnlyList<string> DnsNames, IReadOnlyList<string> Ports, long Connections, long Bytes);
