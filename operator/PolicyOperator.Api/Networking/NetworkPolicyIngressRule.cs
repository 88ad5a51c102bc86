namespace PolicyOperator.Api.Networking;

/// <summary>One ingress rule: traffic from any of <see cref="From"/> to any of <see cref="Ports"/> (absent means all).</summary>
public sealed record NetworkPolicyIngressRule
{
    public IReadOnlyList<NetworkPolicyPeer>? From { get; init; }

    public IReadOnlyList<NetworkPolicyPort>? Ports { get; init; }
}
