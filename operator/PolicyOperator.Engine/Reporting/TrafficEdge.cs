namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Connections from one end to another on one protocol and port, merged over all the records that
/// saw them (the client's egress and the server's ingress record of the same connections count once).
/// </summary>
public sealed record TrafficEdge
{
    public required TrafficEndpoint Source { get; init; }

    public required TrafficEndpoint Destination { get; init; }

    /// <summary>TCP, UDP or SCTP.</summary>
    public required string Protocol { get; init; }

    /// <summary>The destination port as enforced (after DNAT).</summary>
    public required int Port { get; init; }

    public long Connections { get; init; }

    /// <summary>Bytes from source to destination.</summary>
    public long Bytes { get; init; }

    /// <summary>The cluster whose agent recorded the traffic.</summary>
    public string? ObservedIn { get; init; }

    /// <summary>Source processes (<c>comm</c>), where recorded by the source's side (sorted).</summary>
    public IReadOnlyList<string> Processes { get; init; } = [];
}
