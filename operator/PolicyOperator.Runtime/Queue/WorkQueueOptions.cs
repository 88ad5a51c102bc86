namespace PolicyOperator.Runtime.Queue;

/// <summary>Backoff of failed items in a <see cref="WorkQueue{TKey}"/>.</summary>
public sealed record WorkQueueOptions
{
    /// <summary>The delay after the first failure (client-go: 5 ms).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest delay (client-go: 1000 s; shorter here so a stuck object is retried within minutes).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
