using PolicyOperator.Runtime.Queue;

namespace PolicyOperator.Runtime.Reconciliation;

/// <summary>How a controller runs its reconciler.</summary>
public sealed record ControllerOptions
{
    /// <summary>Reconciles running at once (never two for the same key).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How long a stopping controller lets running reconciles finish before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public WorkQueueOptions Queue { get; init; } = new();
}
