using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// Why one peer and port is allowed: the observations behind it. Kept beside the policy, never in it,
/// so that the policy's bytes do not change when only counts or times do.
/// </summary>
public sealed record RuleEvidence
{
    public required TrafficDirection Direction { get; init; }

    /// <summary>The index of the rule in the policy's ingress or egress list; null for traffic allowed without a rule (from the pod's own node).</summary>
    public int? RuleIndex { get; init; }

    /// <summary>The peer as written in the policy, in a canonical one-line form.</summary>
    public required string Peer { get; init; }

    public required string Protocol { get; init; }

    public required int Port { get; init; }

    /// <summary>Why the rule exists without traffic (for example the DNS rule), or null for observed traffic.</summary>
    public string? Reason { get; init; }

    public long Connections { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    public DateTimeOffset? FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Process names on the observed side (sorted).</summary>
    public IReadOnlyList<string> Processes { get; init; } = [];

    /// <summary>DNS names the peer was reached by (sorted).</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>The nodes that saw the traffic (sorted).</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];

    /// <summary>The observed peers behind this rule (workloads, Services, addresses; sorted).</summary>
    public IReadOnlyList<string> ObservedPeers { get; init; } = [];
}
