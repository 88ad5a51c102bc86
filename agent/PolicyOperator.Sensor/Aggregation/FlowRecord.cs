namespace PolicyOperator.Sensor.Aggregation;

/// <summary>
/// One aggregated flow: who (cgroup, network namespace, process), to whom, how much, when, and the
/// DNS names the peer's address was resolved from in that namespace. Counters are totals since
/// <see cref="FirstSeen"/>.
/// </summary>
public sealed record FlowRecord
{
    /// <summary>The flow.</summary>
    public required FlowKey Key { get; init; }

    /// <summary>Process id (thread group) of the first process seen; 0 when unknown.</summary>
    public int Pid { get; init; }

    /// <summary>Thread id of that process's thread; 0 when unknown.</summary>
    public int Tid { get; init; }

    /// <summary>The process's comm; empty when unknown.</summary>
    public string Comm { get; init; } = string.Empty;

    /// <summary>Payload bytes the owner sent.</summary>
    public ulong BytesSent { get; init; }

    /// <summary>Payload bytes the owner received.</summary>
    public ulong BytesReceived { get; init; }

    /// <summary>Packets (TCP: data segments) sent.</summary>
    public ulong PacketsSent { get; init; }

    /// <summary>Packets (TCP: data segments) received.</summary>
    public ulong PacketsReceived { get; init; }

    /// <summary>Connections (TCP) or sockets (UDP).</summary>
    public ulong Connections { get; init; }

    /// <summary>TCP connections of this flow that closed (their bytes are in the counters).</summary>
    public ulong Closes { get; init; }

    /// <summary>The first observation.</summary>
    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>The last observation.</summary>
    public DateTimeOffset LastSeen { get; init; }

    /// <summary>Names the remote address was resolved from (DNS answers seen in the same namespace).</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>True when the flow was found open at start-up rather than seen starting.</summary>
    public bool PreExisting { get; init; }
}
