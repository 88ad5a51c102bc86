namespace PolicyOperator.Engine.Synthesis;

/// <summary>The knobs of <see cref="PolicySynthesizer"/>; the defaults follow the design rules.</summary>
public sealed record SynthesisOptions
{
    public static SynthesisOptions Default { get; } = new();

    public DnsOptions Dns { get; init; } = new();

    /// <summary>Also allow the Service port where it differs from the target port, for CNIs that enforce before DNAT.</summary>
    public bool IncludeServicePorts { get; init; }

    public PolicyTypesMode PolicyTypes { get; init; } = PolicyTypesMode.Evidence;

    /// <summary>More distinct external addresses than this per workload and direction are grouped into prefixes.</summary>
    public int ExternalGroupingThreshold { get; init; } = 16;

    /// <summary>The prefix length IPv4 externals are grouped into.</summary>
    public int ExternalIpv4GroupPrefix { get; init; } = 24;

    /// <summary>The prefix length IPv6 externals are grouped into.</summary>
    public int ExternalIpv6GroupPrefix { get; init; } = 64;

    /// <summary>Label keys treated as volatile in addition to the built-in list (never put into selectors).</summary>
    public IReadOnlySet<string> ExtraVolatileLabels { get; init; } = new HashSet<string>();
}
