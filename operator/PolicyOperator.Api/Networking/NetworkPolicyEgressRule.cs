namespace PolicyOperator.Api.Networking;

/// <summary>One egress rule: traffic to any of <see cref="To"/> on any of <see cref="Ports"/> (absent means all).</summary>
public sealed record NetworkPolicyEgressRule
{
    public IReadOnlyList<NetworkPolicyPeer>? To { get; init; }

    public IReadOnlyList<NetworkPolicyPort>? Ports { get; init; }
}
