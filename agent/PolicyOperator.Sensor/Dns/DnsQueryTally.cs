namespace PolicyOperator.Sensor.Dns;

/// <summary>
/// The DNS questions one socket owner (cgroup, network namespace) asked for one name and type, and
/// the answers it received, counted since the sensor started.
/// </summary>
public sealed record DnsQueryTally
{
    /// <summary>The asking socket's cgroup.</summary>
    public required ulong CgroupId { get; init; }

    /// <summary>The asking socket's network namespace.</summary>
    public required uint NetnsInode { get; init; }

    /// <summary>The first asking process; 0 when unknown.</summary>
    public int Pid { get; init; }

    /// <summary>The name asked for (lower case, no trailing dot).</summary>
    public required string Name { get; init; }

    /// <summary>A, AAAA, CNAME, or <c>TYPE</c> and the number.</summary>
    public required string QueryType { get; init; }

    /// <summary>Questions sent.</summary>
    public long Queries { get; init; }

    /// <summary>Answers received by rcode name (NOERROR, NXDOMAIN, ...).</summary>
    public IReadOnlyDictionary<string, long> Responses { get; init; } = new Dictionary<string, long>();

    /// <summary>The addresses the answers carried (at most <see cref="DnsQueryCounter.MaxAnswers"/>).</summary>
    public IReadOnlyList<string> Answers { get; init; } = [];

    /// <summary>The first question or answer.</summary>
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>The last question or answer.</summary>
    public DateTimeOffset LastSeen { get; init; }
}
