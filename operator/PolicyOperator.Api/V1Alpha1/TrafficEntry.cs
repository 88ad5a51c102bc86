namespace PolicyOperator.Api.V1Alpha1;

/// <summary>
/// Connections in one direction with one peer on one protocol and port, merged. The port is the
/// one the CNI enforces: the destination's port after DNAT (the Service's target port).
/// </summary>
public sealed record TrafficEntry
{
    public required TrafficPeer Peer { get; init; }

    /// <summary>TCP, UDP or SCTP.</summary>
    public required string Protocol { get; init; }

    /// <summary>The destination port as enforced (post-DNAT target port).</summary>
    public required int Port { get; init; }

    /// <summary>The destination container port's name, where known.</summary>
    public string? PortName { get; init; }

    /// <summary>The Service port the client used, where it differs from <see cref="Port"/>.</summary>
    public int? ServicePort { get; init; }

    public long Connections { get; init; }

    /// <summary>Bytes the observed workload sent.</summary>
    public long BytesSent { get; init; }

    /// <summary>Bytes the observed workload received.</summary>
    public long BytesReceived { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>The processes on the observed side (bounded).</summary>
    public IReadOnlyList<ProcessReference> Processes { get; init; } = [];

    /// <summary>
    /// A few concrete connections (addresses, ports, time) so that the operator can join the two
    /// ends of one connection seen on two nodes, across NAT (bounded).
    /// </summary>
    public IReadOnlyList<ConnectionSample> Samples { get; init; } = [];
}
