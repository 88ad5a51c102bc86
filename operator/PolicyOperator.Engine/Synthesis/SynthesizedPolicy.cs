using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>The policy for one workload, with the evidence behind each of its peers and ports.</summary>
public sealed record SynthesizedPolicy
{
    public required WorkloadReference Workload { get; init; }

    public required NetworkPolicy Policy { get; init; }

    /// <summary>One entry per allowed peer, protocol and port, in the policy's canonical order.</summary>
    public IReadOnlyList<RuleEvidence> Evidence { get; init; } = [];

    /// <summary>The egress peers added for DNS (design rule 5), so that other formats can treat them as the resolver.</summary>
    public IReadOnlyList<NetworkPolicyPeer> DnsPeers { get; init; } = [];

    /// <summary>External CIDRs in the policy and the DNS names they were reached by (sorted).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExternalDnsNames { get; init; } = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
}
