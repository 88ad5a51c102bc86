using PolicyOperator.Runtime.Informers;

namespace PolicyOperator.Runtime.Reconciliation;

/// <summary>
/// Level-triggered reconciliation of one object type: given a key, read the current state (from the
/// informer cache or the API), converge, and return. An exception requeues the key with backoff.
/// Resolved from a DI scope of its own per reconcile.
/// </summary>
/// <typeparam name="T">The reconciled object type.</typeparam>
public interface IReconciler<T>
{
    /// <summary>Converges the object of <paramref name="key"/>; it may no longer exist (then clean up).</summary>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
