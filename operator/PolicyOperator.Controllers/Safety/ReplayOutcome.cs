using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Controllers.Safety;

/// <summary>Observed flows replayed against a set of policies.</summary>
/// <param name="Replayed">Flows evaluated.</param>
/// <param name="Denied">Flows the policies deny.</param>
/// <param name="Listed">The denied flows as a person reads them (bounded; <paramref name="Denied"/> has the count).</param>
/// <param name="Unattributed">Entries that could not be evaluated, with the reason (bounded).</param>
public sealed record ReplayOutcome(int Replayed, int Denied, IReadOnlyList<FlowReference> Listed, IReadOnlyList<string> Unattributed)
{
    public bool AllAllowed => Denied == 0 && Unattributed.Count == 0;
}
