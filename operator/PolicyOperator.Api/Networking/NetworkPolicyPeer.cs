using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Networking;

/// <summary>
/// A peer: <see cref="PodSelector"/> and <see cref="NamespaceSelector"/> in the same peer are ANDed;
/// <see cref="IpBlock"/> stands alone. A podSelector without a namespaceSelector means the policy's namespace.
/// </summary>
public sealed record NetworkPolicyPeer
{
    public LabelSelector? PodSelector { get; init; }

    public LabelSelector? NamespaceSelector { get; init; }

    public IPBlock? IpBlock { get; init; }
}
