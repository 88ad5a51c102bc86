namespace PolicyOperator.Observation.Recording;

/// <summary>How large one ObservedTraffic may grow before it is merged, grouped or cut.</summary>
public sealed record TrafficLimits
{
    /// <summary>The defaults: at most 256 KiB per object.</summary>
    public static TrafficLimits Default { get; } = new();

    /// <summary>Distinct external peers per direction above which addresses are grouped into CIDRs.</summary>
    public int MaxExternalPeers { get; init; } = 32;

    /// <summary>Entries per direction; beyond it the entries with the fewest connections are dropped (and counted).</summary>
    public int MaxEntries { get; init; } = 512;

    /// <summary>Processes kept per entry (the most active ones).</summary>
    public int MaxProcesses { get; init; } = 8;

    /// <summary>DNS names kept per external peer.</summary>
    public int MaxDnsNames { get; init; } = 16;

    /// <summary>The serialized size (JSON) one object must stay within.</summary>
    public int MaxBytes { get; init; } = 256 * 1024;
}
