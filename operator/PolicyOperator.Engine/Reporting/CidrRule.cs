namespace PolicyOperator.Engine.Reporting;

/// <summary>An outside CIDR reached without a DNS name, with its ports.</summary>
public sealed record CidrRule(string Cidr, IReadOnlyList<PortProtocol> Ports);
