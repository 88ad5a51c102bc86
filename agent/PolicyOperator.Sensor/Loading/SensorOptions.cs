namespace PolicyOperator.Sensor.Loading;

/// <summary>How the sensor loads and runs.</summary>
public sealed record SensorOptions
{
    /// <summary>
    /// A bpffs directory to pin the flow maps in, so that a restarted sensor finds the counts and
    /// open sockets of the one before. Null: nothing is pinned.
    /// </summary>
    public string? PinDirectory { get; init; }

    /// <summary>The cgroup v2 directory whose sockets the packet programs see; null: the hierarchy's root.</summary>
    public string? CgroupPath { get; init; }

    /// <summary>Size of the flow event ring buffer in bytes (a power of two, at least a page).</summary>
    public int FlowRingBufferBytes { get; init; } = 1 << 20;

    /// <summary>Flows the kernel aggregates at once (LRU: the least recently used give way, and are counted as evictions).</summary>
    public int FlowMapEntries { get; init; } = 65536;

    /// <summary>Size of the DNS ring buffer in bytes (a power of two, at least a page).</summary>
    public int DnsRingBufferBytes { get; init; } = 1 << 18;

    /// <summary>Least time between two updates of one flow on the ring buffer.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The port whose packets are parsed as DNS.</summary>
    public ushort DnsPort { get; init; } = 53;

    /// <summary>
    /// Use the BTF flavour of the TCP state tracepoint (tp_btf) when the kernel allows it; false
    /// runs the classic tracepoint, which every kernel with the tracepoint has.
    /// </summary>
    public bool PreferBtfTracepoint { get; init; } = true;

    /// <summary>Try the sock_sendmsg/sock_recvmsg hooks (fexit, then kprobes); they are used when the kernel allows.</summary>
    public bool TrySendmsgHooks { get; init; } = true;

    /// <summary>Find TCP connections that were open before the sensor started.</summary>
    public bool ScanExistingConnections { get; init; } = true;
}
