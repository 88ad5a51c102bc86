namespace PolicyOperator.Engine.Reporting;

/// <summary>How often one name was asked for, and by whom.</summary>
/// <param name="Name">The name, lower case without the root dot.</param>
/// <param name="Scope">Whether the name is the cluster's own or outside it.</param>
/// <param name="Queries">Questions for the name, all sources.</param>
/// <param name="Failures">Failed answers for the name, all sources.</param>
/// <param name="BySource">Questions per workload, most first.</param>
public sealed record DnsNameCount(string Name, NameScope Scope, long Queries, long Failures, IReadOnlyList<DnsSourceCount> BySource);
