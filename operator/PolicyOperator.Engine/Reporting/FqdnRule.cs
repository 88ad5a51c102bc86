namespace PolicyOperator.Engine.Reporting;

/// <summary>Outside names a workload reached on the same set of ports.</summary>
/// <param name="Names">Fully qualified names, sorted.</param>
/// <param name="Ports">The ports, sorted by protocol then number.</param>
public sealed record FqdnRule(IReadOnlyList<string> Names, IReadOnlyList<PortProtocol> Ports);
