namespace PolicyOperator.Sensor.Events;

/// <summary>
/// Every loss the sensor knows of: kernel drop counters (summed over CPUs) and records user space
/// could not decode. None is silent: the agent exports these.
/// </summary>
public sealed record DropCounters
{
    /// <summary>Flow events not written: the flow ring buffer was full (the counts stay in the flow map).</summary>
    public ulong FlowRingBufferFull { get; init; }

    /// <summary>Observations that found the flow map full (reported unaggregated).</summary>
    public ulong FlowMapFull { get; init; }

    /// <summary>
    /// Flows the full LRU flow map evicted for newer ones. Their counts up to their last report
    /// (at most one report interval old) are kept; what came after is lost, and counted here.
    /// </summary>
    public ulong FlowMapEvictions { get; init; }

    /// <summary>Sockets not tracked: the connecting-process, listener or socket-storage map was full.</summary>
    public ulong SocketMapFull { get; init; }

    /// <summary>
    /// TCP connections that closed without their flow in the map, so their bytes were not counted:
    /// opened before the sensor started (and not kept in pinned maps), or their flow was evicted.
    /// </summary>
    public ulong UntrackedCloses { get; init; }

    /// <summary>DNS messages not copied: the DNS ring buffer was full.</summary>
    public ulong DnsRingBufferFull { get; init; }

    /// <summary>DNS messages longer than the copy bound (copied truncated).</summary>
    public ulong DnsTruncated { get; init; }

    /// <summary>Ring buffer records of the wrong size, counted and skipped.</summary>
    public ulong MalformedRecords { get; init; }

    /// <summary>DNS messages that did not parse, counted and skipped.</summary>
    public ulong DnsParseErrors { get; init; }

    /// <summary>DNS questions and answers not counted per name because the counter was full.</summary>
    public ulong DnsQueriesDropped { get; init; }

    /// <summary>All kernel-side drops for want of room (untracked closes are not among them).</summary>
    public ulong KernelTotal => FlowRingBufferFull + FlowMapFull + SocketMapFull + DnsRingBufferFull;
}
