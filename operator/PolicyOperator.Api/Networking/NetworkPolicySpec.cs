using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Networking;

/// <summary>
/// networking.k8s.io/v1 NetworkPolicySpec. <see cref="PolicyTypes"/> defaults to Ingress, plus
/// Egress when <see cref="Egress"/> is present; the evaluator applies that defaulting.
/// </summary>
public sealed record NetworkPolicySpec
{
    /// <summary>The pods in the policy's namespace it applies to; empty selects all of them.</summary>
    public LabelSelector PodSelector { get; init; } = new();

    public IReadOnlyList<string>? PolicyTypes { get; init; }

    public IReadOnlyList<NetworkPolicyIngressRule>? Ingress { get; init; }

    public IReadOnlyList<NetworkPolicyEgressRule>? Egress { get; init; }
}
