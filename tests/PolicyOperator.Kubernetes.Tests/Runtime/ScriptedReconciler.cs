using System.Collections.Concurrent;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Reconciliation;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

/// <summary>
/// What the reconcilers of these tests do, shared by the scoped instances DI creates: record each key,
/// check no key runs twice at once, and fail or requeue as a test says.
/// </summary>
public sealed class ReconcileScript
{
    private readonly ConcurrentDictionary<ObjectKey, int> _running = new();

    public ConcurrentQueue<ObjectKey> Reconciled { get; } = new();

    public int Overlaps;

    /// <summary>Reconciles begun (finished or not).</summary>
    public int Started;

    /// <summary>Failures left per key name before reconciles of it succeed.</summary>
    public ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

    public TimeSpan? RequeueAfter { get; set; }

    /// <summary>How long each reconcile takes.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Extra work per reconcile (for example a write through the client).</summary>
    public Func<ObjectKey, CancellationToken, Task>? Work { get; set; }

    public int Count(string name) => Reconciled.Count(key => key.Name == name);

    internal async Task<ReconcileResult> RunAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Started);
        if (!_running.TryAdd(key, 0))
        {
            Interlocked.Increment(ref Overlaps);
        }

        try
        {
            await Task.Delay(Duration, cancellationToken);
            if (Work is not null)
            {
                await Work(key, cancellationToken);
            }

            if (FailuresLeft.TryGetValue(key.Name, out var left) && left > 0)
            {
                FailuresLeft[key.Name] = left - 1;
                throw new InvalidOperationException($"scripted failure of {key}");
            }

            Reconciled.Enqueue(key);
            return RequeueAfter is { } delay ? ReconcileResult.After(delay) : ReconcileResult.Done;
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }
}

/// <summary>A reconciler resolved per reconcile from a DI scope, running the shared script.</summary>
public sealed class ScriptedReconciler<T>(ReconcileScript script) : IReconciler<T>
{
    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken) => script.RunAsync(key, cancellationToken);
}
