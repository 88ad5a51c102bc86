namespace PolicyOperator.Engine.Reporting;

/// <summary>The answer to "who makes the most DNS queries, for what, and which fail".</summary>
/// <param name="TotalQueries">All questions in the input.</param>
/// <param name="TotalFailures">All failed answers in the input.</param>
/// <param name="Sources">Queries per source at every <see cref="SourceLevel"/>, by level then most first.</param>
/// <param name="Names">Queries per name with the sources asking, most first.</param>
/// <param name="Failures">Failed lookups per workload, name and rcode, most first.</param>
public sealed record DnsHotspots(
    long TotalQueries,
    long TotalFailures,
    IReadOnlyList<DnsSourceCount> Sources,
    IReadOnlyList<DnsNameCount> Names,
    IReadOnlyList<DnsFailure> Failures);
