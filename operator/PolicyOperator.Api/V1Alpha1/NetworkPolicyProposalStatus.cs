using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>The operator's view of a proposal: phase, diff against the cluster, safety check, drift.</summary>
public sealed record NetworkPolicyProposalStatus
{
    public ProposalPhase? Phase { get; init; }

    public long? ObservedGeneration { get; init; }

    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>How the proposed policies differ from the ones applied now.</summary>
    public PolicyDiff? Diff { get; init; }

    /// <summary>The replay of observed flows against proposed plus existing policies.</summary>
    public SafetyCheck? SafetyCheck { get; init; }

    /// <summary>The revision whose policies are in the cluster.</summary>
    public long? AppliedRevision { get; init; }

    /// <summary>The names of the NetworkPolicies applied for this proposal.</summary>
    public IReadOnlyList<string> AppliedPolicies { get; init; } = [];

    /// <summary>Observed flows the applied policies do not allow (phase Drifted; bounded).</summary>
    public IReadOnlyList<FlowReference> DriftedFlows { get; init; } = [];

    /// <summary>
    /// The last approved or applied revision that a newer revision replaced. The phase is Superseded while
    /// the newer revision awaits review; the record stays after it is reviewed.
    /// </summary>
    public long? SupersededRevision { get; init; }

    /// <summary>What replaced <see cref="SupersededRevision"/>: <c>&lt;proposal&gt; revision &lt;N&gt;</c> (a proposal moves through revisions as one object).</summary>
    public string? SupersededBy { get; init; }
}
