namespace PolicyOperator.Api.V1Alpha1;

/// <summary>DNS questions for one name and type from the workload, with their outcomes.</summary>
public sealed record DnsQueryRecord
{
    public required string Name { get; init; }

    /// <summary>A, AAAA, CNAME, SRV, ...</summary>
    public required string QueryType { get; init; }

    public long Queries { get; init; }

    /// <summary>Responses by rcode name (NOERROR, NXDOMAIN, SERVFAIL, ...).</summary>
    public IReadOnlyDictionary<string, long> Responses { get; init; } = new Dictionary<string, long>();

    /// <summary>The addresses the answers carried (bounded).</summary>
    public IReadOnlyList<string> Answers { get; init; } = [];

    public IReadOnlyList<ProcessReference> Processes { get; init; } = [];
}
