using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Generators;

namespace PolicyOperator.Controllers.Enforcement;

/// <summary>
/// Decides whether a revision is applied. Only an Enforce-mode operator writes NetworkPolicies (its RBAC
/// allows nothing else), and never a revision that failed the safety check or was rejected. Then an
/// approved revision is applied at once; in Enforce mode an unapproved one once the learning window has
/// passed since the workload was first observed and the revision has been unchanged for the
/// stabilisation window. A revision resting on peers' observations only is never applied without approval:
/// what no node saw of the workload (its traffic to external or unobserved peers) is not in it, and the
/// safety check cannot replay what was never observed. Pure: the time comes in.
/// </summary>
public static class EnforcementGate
{
    public static EnforcementDecision Decide(
        OperatorOptions options,
        EffectiveGenerator generator,
        bool approved,
        bool rejected,
        bool safe,
        DateTimeOffset firstObserved,
        DateTimeOffset revisionSince,
        DateTimeOffset now,
        bool peerObservationsOnly = false)
    {
        if (options.Mode != GeneratorMode.Enforce)
        {
            return new(false, EnforcementDecision.OperatorNotEnforcing, $"the operator runs with --mode={options.Mode}; it never writes NetworkPolicies (export them with policyctl export)");
        }

        if (rejected)
        {
            return new(false, EnforcementDecision.Rejected, "a person rejected this revision");
        }

        if (!safe)
        {
            return new(false, EnforcementDecision.SafetyCheckFailed, "the safety check did not pass (see the SafetyCheckPassed condition)");
        }

        if (approved)
        {
            return new(true, EnforcementDecision.Approved, "approved by a person");
        }

        if (peerObservationsOnly && generator.Mode == GeneratorMode.Enforce)
        {
            return new(false, EnforcementDecision.PeerObservationsOnly, "the proposal rests on its peers' observations only (no node reported this workload): waiting for approval");
        }

        if (generator.Mode != GeneratorMode.Enforce)
        {
            return new(false, generator.Mode == GeneratorMode.Observe ? EnforcementDecision.ObserveOnly : EnforcementDecision.AwaitingApproval,
                $"generator {generator.Name ?? "(default)"} is in {generator.Mode} mode: waiting for approval");
        }

        var learned = Add(firstObserved, generator.LearningWindow);
        if (now < learned)
        {
            return new(false, EnforcementDecision.Learning, $"learning until {learned:O} (first observed {firstObserved:O}, window {generator.LearningWindow})", learned);
        }

        var stable = Add(revisionSince, generator.StabilizationWindow);
        if (now < stable)
        {
            return new(false, EnforcementDecision.Stabilizing, $"revision unchanged since {revisionSince:O}; applied at {stable:O} if it stays so", stable);
        }

        return new(true, EnforcementDecision.Enforced, "learned, stable and safe: enforced");
    }

    private static DateTimeOffset Add(DateTimeOffset time, TimeSpan span) =>
        span == TimeSpan.MaxValue || time == DateTimeOffset.MaxValue || DateTimeOffset.MaxValue - time < span ? DateTimeOffset.MaxValue : time + span;
}
