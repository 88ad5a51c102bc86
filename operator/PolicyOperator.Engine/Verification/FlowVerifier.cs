using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Engine.Verification;

/// <summary>Replays observed flows against a policy set (design rule 9: a policy that would deny observed traffic is not applied).</summary>
public static class FlowVerifier
{
    public static VerificationResult Verify(PolicySet policies, ObservedFlowSet flows)
    {
        var denied = new List<DeniedFlow>();
        foreach (var observed in flows.Flows)
        {
            if (!policies.IsAllowed(observed.Flow))
            {
                denied.Add(new DeniedFlow(observed, policies.Evaluate(observed.Flow)));
            }
        }

        return new VerificationResult(flows.Flows.Count, denied, flows.Unattributed);
    }
}
