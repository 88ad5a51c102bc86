using PolicyOperator.Runtime.LeaderElection;

namespace PolicyOperator.Runtime.Hosting;

/// <summary>How the controller manager runs: with leader election (production) or without (one replica, tests).</summary>
public sealed record OperatorRuntimeOptions
{
    /// <summary>Null runs the controllers at once, without electing a leader.</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }
}
