using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>
/// The NetworkPolicies proposed for one workload (namespaced, in the workload's namespace), with the
/// evidence behind every rule, the diff against what is applied and the safety check result.
/// Written by the operator; approved by a person through <see cref="NetworkPolicyProposalSpec.Approved"/>
/// or the <see cref="ApprovedAnnotation"/> annotation.
/// </summary>
public sealed record NetworkPolicyProposal : IKubernetesObject<ObjectMeta>
{
    public const string Group = "policyoperator.io";
    public const string Version = "v1alpha1";
    public const string KindName = "NetworkPolicyProposal";
    public const string Plural = "networkpolicyproposals";

    /// <summary>Set to <c>"true"</c> to approve the proposal's current revision (alternative to the spec field).</summary>
    public const string ApprovedAnnotation = "policyoperator.io/approved";

    /// <summary>Set to <c>"true"</c> to reject the proposal's current revision.</summary>
    public const string RejectAnnotation = "policyoperator.io/rejected";

    /// <summary>The revision a person rejected (the operator folds <see cref="RejectAnnotation"/> into it; <c>policyctl approve --reject</c> sets it).</summary>
    public const string RejectedRevisionAnnotation = "policyoperator.io/rejected-revision";

    public string ApiVersion { get; init; } = $"{Group}/{Version}";

    public string Kind { get; init; } = KindName;

    public ObjectMeta Metadata { get; init; } = new();

    public required NetworkPolicyProposalSpec Spec { get; init; }

    public NetworkPolicyProposalStatus? Status { get; init; }
}
