using System.Collections.Concurrent;
using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Engine.Verification;

/// <summary>Replays observed flows against a policy set (design rule 9: a policy that would deny observed traffic is not applied).</summary>
public static class FlowVerifier
{
    // Below this many flows the work is too small to be worth spreading over cores.
    private const int ParallelThreshold = 20_000;
    private const int ChunkSize = 4_096;

    /// <summary>
    /// Every flow the policies deny, in input order, with the evaluation that explains it. Large sets are
    /// evaluated on all cores: a <see cref="PolicySet"/> is immutable once built (its cache is concurrent),
    /// and the result is the same as one pass in order.
    /// </summary>
    public static VerificationResult Verify(PolicySet policies, ObservedFlowSet flows)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(flows);
        var all = flows.Flows;
        var denied = new List<DeniedFlow>();
        if (all.Count < ParallelThreshold)
        {
            for (var i = 0; i < all.Count; i++)
            {
                if (Check(policies, all[i]) is { } flow)
                {
                    denied.Add(flow);
                }
            }

            return new VerificationResult(all.Count, denied, flows.Unattributed);
        }

        var verdicts = new DeniedFlow?[all.Count];
        Parallel.ForEach(Partitioner.Create(0, all.Count, ChunkSize), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                verdicts[i] = Check(policies, all[i]);
            }
        });
        foreach (var verdict in verdicts)
        {
            if (verdict is not null)
            {
                denied.Add(verdict);
            }
        }

        return new VerificationResult(all.Count, denied, flows.Unattributed);
    }

    private static DeniedFlow? Check(PolicySet policies, ObservedFlow observed) =>
        policies.IsAllowed(observed.Flow) ? null : new DeniedFlow(observed, policies.Evaluate(observed.Flow));
}
