namespace PolicyOperator.Api.V1Alpha1;

/// <summary>A node peer: traffic from or to a node's IP (kubelet probes, host-network pods).</summary>
public sealed record NodePeer
{
    public string? Name { get; init; }

    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>True when the node is the one that observed the traffic (ingress from it is always allowed).</summary>
    public bool IsLocal { get; init; }
}
