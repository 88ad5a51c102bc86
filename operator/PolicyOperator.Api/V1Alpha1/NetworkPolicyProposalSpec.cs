namespace PolicyOperator.Api.V1Alpha1;

/// <summary>What is proposed for one workload, at which revision, and whether a person approved it.</summary>
public sealed record NetworkPolicyProposalSpec
{
    /// <summary>The workload the policies are for.</summary>
    public required WorkloadReference Workload { get; init; }

    /// <summary>Increases by one each time the proposed policies change; approval applies to one revision.</summary>
    public required long Revision { get; init; }

    /// <summary>The PolicyGenerator that produced this proposal.</summary>
    public string? Generator { get; init; }

    /// <summary>The proposed policies, each with its evidence (bounded).</summary>
    public IReadOnlyList<ProposedPolicy> Policies { get; init; } = [];

    /// <summary>True when a person approved <see cref="ApprovedRevision"/> for applying.</summary>
    public bool Approved { get; init; }

    /// <summary>The revision the approval is for; a newer revision needs a new approval.</summary>
    public long? ApprovedRevision { get; init; }

    /// <summary>Who approved, for the audit trail.</summary>
    public string? ApprovedBy { get; init; }
}
