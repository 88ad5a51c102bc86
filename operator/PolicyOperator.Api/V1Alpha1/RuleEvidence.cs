namespace PolicyOperator.Api.V1Alpha1;

/// <summary>
/// Why one peer and port of a proposed policy is allowed: the observed connections that need it. The
/// synthesis makes it (kept beside the policy, never in it, so that the policy's bytes do not change when
/// only counts or times do); a proposal stores it bounded by the CRD, with the ObservedTraffic it came from.
/// </summary>
public sealed record RuleEvidence
{
    public required TrafficDirection Direction { get; init; }

    /// <summary>
    /// The index of the rule in the policy's ingress or egress list; null for traffic allowed without a
    /// rule (from the pod's own node), which the synthesis reports and a proposal does not store.
    /// </summary>
    public int? RuleIndex { get; init; }

    /// <summary>The peer as written in the policy, in a canonical one-line form, for example <c>namespace=shop pods=app=web</c>.</summary>
    public required string Peer { get; init; }

    /// <summary>TCP, UDP or SCTP.</summary>
    public required string Protocol { get; init; }

    /// <summary>The destination port as enforced.</summary>
    public required int Port { get; init; }

    /// <summary>Why the rule exists without traffic of its own (for example the DNS rule); null for observed traffic.</summary>
    public string? Reason { get; init; }

    /// <summary>Connections observed, each once (the other end's report of the same connection is not added).</summary>
    public long Connections { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    /// <summary>First seen; null for a rule without traffic of its own.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Last seen; null for a rule without traffic of its own.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Process names on the observed side (sorted; bounded in a proposal).</summary>
    public IReadOnlyList<string> Processes { get; init; } = [];

    /// <summary>DNS names the peer was reached by (sorted; bounded in a proposal).</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>The nodes that observed it (sorted; bounded in a proposal).</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];

    /// <summary>The observed peers behind this rule (workloads, Services, addresses; sorted; bounded in a proposal).</summary>
    public IReadOnlyList<string> ObservedPeers { get; init; } = [];

    /// <summary>The ObservedTraffic objects it came from (filled by the operator; bounded).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
