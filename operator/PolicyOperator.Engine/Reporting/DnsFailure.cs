namespace PolicyOperator.Engine.Reporting;

/// <summary>Failed lookups of one name by one workload with one rcode.</summary>
/// <param name="Source">The workload that asked.</param>
/// <param name="Name">The name, lower case without the root dot.</param>
/// <param name="Rcode">NXDOMAIN, SERVFAIL, REFUSED, ...</param>
/// <param name="Count">Answers with that rcode.</param>
public sealed record DnsFailure(TrafficSource Source, string Name, string Rcode, long Count);
