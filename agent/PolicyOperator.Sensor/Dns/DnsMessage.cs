namespace PolicyOperator.Sensor.Dns;

/// <summary>A parsed DNS message: header facts, questions and answers.</summary>
public sealed record DnsMessage
{
    /// <summary>The transaction id.</summary>
    public required ushort Id { get; init; }

    /// <summary>True for a response (QR bit).</summary>
    public required bool IsResponse { get; init; }

    /// <summary>RCODE (0 = no error, 3 = NXDOMAIN).</summary>
    public required int ResponseCode { get; init; }

    /// <summary>The questions.</summary>
    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];

    /// <summary>The answer section.</summary>
    public IReadOnlyList<DnsAnswer> Answers { get; init; } = [];

    /// <summary>
    /// Only the beginning of the message was captured (a long DNS-over-TCP message): the answers are
    /// those that fit, never guessed.
    /// </summary>
    public bool Truncated { get; init; }
}
