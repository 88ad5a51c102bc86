namespace PolicyOperator.Api.V1Alpha1;

/// <summary>An address outside the cluster, as a canonical CIDR (/32, /128, or a grouped prefix).</summary>
public sealed record ExternalPeer
{
    /// <summary>Canonical CIDR, for example <c>203.0.113.7/32</c> or <c>2001:db8::/64</c>.</summary>
    public required string Cidr { get; init; }

    /// <summary>The DNS names the workload resolved to reach it (sorted, bounded).</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>How many distinct addresses were grouped into <see cref="Cidr"/> (1 when not grouped).</summary>
    public int Addresses { get; init; } = 1;
}
