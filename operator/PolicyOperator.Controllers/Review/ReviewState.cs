using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Proposals;

namespace PolicyOperator.Controllers.Review;

/// <summary>
/// Where a person's review stands for the proposal's current revision. An approval or a rejection is for
/// one revision: a new revision needs a new review.
/// </summary>
public static class ReviewState
{
    public static bool IsApproved(NetworkPolicyProposal proposal) =>
        proposal.Spec.Approved && proposal.Spec.ApprovedRevision == proposal.Spec.Revision;

    public static bool IsRejected(NetworkPolicyProposal proposal) =>
        proposal.Metadata.Annotations?.GetValueOrDefault(ProposalNaming.RejectedRevisionAnnotation) is { } text
        && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var revision)
        && revision == proposal.Spec.Revision;

    /// <summary>True when an annotation asks for approval (<c>kubectl annotate npp NAME policyoperator.io/approved=true</c>).</summary>
    public static bool ApprovalRequested(NetworkPolicyProposal proposal) => IsTrue(proposal, NetworkPolicyProposal.ApprovedAnnotation);

    /// <summary>True when an annotation asks for rejection (<c>policyoperator.io/rejected=true</c>).</summary>
    public static bool RejectionRequested(NetworkPolicyProposal proposal) => IsTrue(proposal, ProposalNaming.RejectAnnotation);

    private static bool IsTrue(NetworkPolicyProposal proposal, string annotation) =>
        string.Equals(proposal.Metadata.Annotations?.GetValueOrDefault(annotation), "true", StringComparison.OrdinalIgnoreCase);
}
