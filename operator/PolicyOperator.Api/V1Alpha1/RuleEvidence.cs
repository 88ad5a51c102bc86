namespace PolicyOperator.Api.V1Alpha1;

/// <summary>Why one rule of a proposed policy exists: the observed connections that need it.</summary>
public sealed record RuleEvidence
{
    public required TrafficDirection Direction { get; init; }

    /// <summary>The index of the rule in the policy's ingress or egress list.</summary>
    public required int RuleIndex { get; init; }

    /// <summary>The peer as a person reads it, for example <c>Deployment shop/frontend</c> or <c>203.0.113.7/32 (api.example.com)</c>.</summary>
    public required string Peer { get; init; }

    /// <summary>TCP, UDP or SCTP.</summary>
    public required string Protocol { get; init; }

    /// <summary>The destination port as enforced.</summary>
    public required int Port { get; init; }

    public long Connections { get; init; }

    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>The nodes that observed it (bounded).</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];

    /// <summary>The ObservedTraffic objects it came from (bounded).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
