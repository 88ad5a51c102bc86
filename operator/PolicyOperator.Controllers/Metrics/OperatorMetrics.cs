using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Metrics;

namespace PolicyOperator.Controllers.Metrics;

/// <summary>
/// The operator's own metrics (reconciles and their errors come from the runtime's controller metrics):
/// proposals by phase, drifted proposals, safety check failures, policies applied and removed.
/// </summary>
public sealed class OperatorMetrics
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, (ProposalPhase Phase, bool Drifted)> _proposals = [];
    private readonly Gauge _byPhase;
    private readonly Gauge.Cell _drifted;
    private readonly Counter.Cell _safetyFailures;
    private readonly Counter.Cell _applied;
    private readonly Counter.Cell _removed;
    private readonly Counter.Cell _revisions;

    public OperatorMetrics(MetricsRegistry registry)
    {
        _byPhase = registry.Gauge("policyoperator_proposals", "NetworkPolicyProposals by phase.", "phase");
        _drifted = registry.Gauge("policyoperator_drifted_proposals", "Proposals whose applied policies do not allow observed traffic.").WithLabels();
        _safetyFailures = registry.Counter("policyoperator_safety_check_failures_total", "Safety checks that found observed traffic the proposed policies would deny (an apply was blocked).").WithLabels();
        _applied = registry.Counter("policyoperator_policies_applied_total", "NetworkPolicies created or updated.").WithLabels();
        _removed = registry.Counter("policyoperator_policies_removed_total", "NetworkPolicies deleted because their proposal no longer wants them.").WithLabels();
        _revisions = registry.Counter("policyoperator_proposal_revisions_total", "New proposal revisions (first proposals included).").WithLabels();
        foreach (var phase in Enum.GetValues<ProposalPhase>())
        {
            _byPhase.WithLabels(phase.ToString()).Set(0);
        }
    }

    /// <summary>Proposals reconciled at least once (and not removed since).</summary>
    public int Proposals
    {
        get
        {
            lock (_lock)
            {
                return _proposals.Count;
            }
        }
    }

    public void Observe(ObjectKey key, ProposalPhase phase, bool drifted)
    {
        lock (_lock)
        {
            if (_proposals.TryGetValue(key, out var old))
            {
                Count(old, -1);
            }

            _proposals[key] = (phase, drifted);
            Count((phase, drifted), 1);
        }
    }

    public void Forget(ObjectKey key)
    {
        lock (_lock)
        {
            if (_proposals.Remove(key, out var old))
            {
                Count(old, -1);
            }
        }
    }

    public void SafetyCheckFailed() => _safetyFailures.Inc();

    public void Applied(int count) => _applied.Inc(count);

    public void Removed(int count) => _removed.Inc(count);

    public void NewRevision() => _revisions.Inc();

    private void Count((ProposalPhase Phase, bool Drifted) state, int by)
    {
        _byPhase.WithLabels(state.Phase.ToString()).Inc(by);
        if (state.Drifted)
        {
            _drifted.Inc(by);
        }
    }
}
