using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Runtime.Informers;

namespace PolicyOperator.Controllers.Proposals;

/// <summary>
/// One proposal per workload, named as its policy is (<c>&lt;workload&gt;-&lt;kind&gt;</c>, in the workload's
/// namespace), so that the same workload always maps to the same proposal and the same NetworkPolicy.
/// </summary>
public static class ProposalNaming
{
    /// <summary>Label on applied NetworkPolicies: the proposal they came from (found again by label, also without owner references).</summary>
    public const string ProposalLabel = "policyoperator.io/proposal";

    /// <summary>Set to <c>"true"</c> to reject the proposal's current revision.</summary>
    public const string RejectAnnotation = NetworkPolicyProposal.RejectAnnotation;

    /// <summary>The revision a person rejected (written by the operator from <see cref="RejectAnnotation"/> or by <c>policyctl approve --reject</c>).</summary>
    public const string RejectedRevisionAnnotation = NetworkPolicyProposal.RejectedRevisionAnnotation;

    /// <summary>
    /// The last approved or applied revision that a newer one replaced (phase Superseded until the newer one
    /// is reviewed). Written with the new revision in the same update, so it cannot be lost between writes.
    /// </summary>
    public const string SupersededRevisionAnnotation = "policyoperator.io/superseded-revision";

    /// <summary>When the current revision's content first appeared (the stabilisation window counts from here).</summary>
    public const string RevisionSinceAnnotation = "policyoperator.io/revision-since";

    public static string NameFor(WorkloadReference workload) => PolicyNaming.PolicyName(workload);

    public static ObjectKey KeyFor(WorkloadReference workload) => new(workload.Namespace, NameFor(workload));

    /// <summary>The index value of a workload in the ObservedTraffic cache: <c>namespace/proposal</c>.</summary>
    public static string IndexValue(WorkloadReference workload) => $"{workload.Namespace}/{NameFor(workload)}";

    public static string IndexValue(ObjectKey key) => $"{key.Namespace}/{key.Name}";
}
