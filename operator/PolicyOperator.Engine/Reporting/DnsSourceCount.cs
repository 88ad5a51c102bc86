namespace PolicyOperator.Engine.Reporting;

/// <summary>DNS queries one source made.</summary>
/// <param name="Source">Who asked, at the report's level.</param>
/// <param name="Queries">Questions asked.</param>
/// <param name="Failures">Answers with an rcode other than NOERROR (NXDOMAIN, SERVFAIL, ...).</param>
/// <param name="Names">Distinct names asked for.</param>
public sealed record DnsSourceCount(TrafficSource Source, long Queries, long Failures, int Names);
