using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Reconciliation;

namespace PolicyOperator.Benchmarks.Runtime;

/// <summary>Counts reconciles and signals when a target count is reached; does no work, so the runtime's own cost is measured.</summary>
public sealed class ReconcileCounter
{
    private int _count;
    private int _target = int.MaxValue;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once <paramref name="count"/> more reconciles ran.</summary>
    public Task Expect(int count)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _target, Volatile.Read(ref _count) + count);
        return _reached.Task;
    }

    public void Increment()
    {
        if (Interlocked.Increment(ref _count) == Volatile.Read(ref _target))
        {
            _reached.TrySetResult();
        }
    }
}

public sealed class CountingReconciler(ReconcileCounter counter) : IReconciler<PolicyOperator.Api.Coordination.Lease>
{
    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        counter.Increment();
        return Task.FromResult(ReconcileResult.Done);
    }
}
