namespace PolicyOperator.Api.V1Alpha1;

/// <summary>How addresses outside the cluster become ipBlocks: /32 and /128 each, grouped when many.</summary>
public sealed record ExternalPeerStrategy
{
    /// <summary>From this many addresses in one prefix on, they are written as the prefix.</summary>
    public int GroupingThreshold { get; init; } = 16;

    public int Ipv4PrefixLength { get; init; } = 24;

    public int Ipv6PrefixLength { get; init; } = 64;

    /// <summary>Annotate ipBlocks with the DNS names they were reached by.</summary>
    public bool AnnotateDnsNames { get; init; } = true;
}
