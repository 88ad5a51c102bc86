namespace PolicyOperator.Controllers.Status;

/// <summary>The condition types of a NetworkPolicyProposal and the reasons not owned by a decision type.</summary>
public static class ProposalConditions
{
    /// <summary>The proposal reflects the latest observed traffic.</summary>
    public const string Ready = "Ready";

    /// <summary>Every observed flow stays allowed under the proposed plus existing policies.</summary>
    public const string SafetyCheckPassed = "SafetyCheckPassed";

    /// <summary>The current revision's policies are in the cluster.</summary>
    public const string Applied = "Applied";

    /// <summary>Observed traffic is not allowed by the applied policies.</summary>
    public const string Drifted = "Drifted";

    /// <summary>The workload talks to workloads of other namespaces (the cross-namespace report; informational).</summary>
    public const string CrossNamespaceTraffic = "CrossNamespaceTraffic";

    /// <summary>
    /// True when no node reported the workload itself (no agent where it runs): the proposal rests on what its
    /// peers saw of it, which misses its traffic to anything unobserved (external addresses, peers without agents).
    /// </summary>
    public const string PeerObservationsOnly = "PeerObservationsOnly";

    public const string NoOwnObservations = "NoOwnObservations";
    public const string OwnObservations = "OwnObservations";
    public const string SameNamespaceOnly = "SameNamespaceOnly";
    public const string TalksAcrossNamespaces = "TalksAcrossNamespaces";
    public const string EnvironmentMismatch = "EnvironmentMismatch";
    public const string Reconciled = "Reconciled";
    public const string NothingToPropose = "NothingToPropose";
    public const string GeneratorProblem = "GeneratorProblem";
    public const string ApplyFailed = "ApplyFailed";
    public const string NewTrafficDenied = "NewTrafficDenied";
    public const string AllTrafficAllowed = "AllTrafficAllowed";
    public const string NotApplied = "NotApplied";
}
