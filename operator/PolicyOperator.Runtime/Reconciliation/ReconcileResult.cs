namespace PolicyOperator.Runtime.Reconciliation;

/// <summary>What a reconcile asks for next: nothing (until the object changes), or another pass after a delay.</summary>
/// <param name="RequeueAfter">Reconcile the key again after this delay (polling, expiring state).</param>
public sealed record ReconcileResult(TimeSpan? RequeueAfter = null)
{
    /// <summary>Converged; reconcile again only when something changes.</summary>
    public static ReconcileResult Done { get; } = new();

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
