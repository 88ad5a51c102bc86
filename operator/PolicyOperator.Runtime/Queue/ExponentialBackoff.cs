using System.Collections.Concurrent;

namespace PolicyOperator.Runtime.Queue;

/// <summary>
/// Per-key exponential backoff (client-go's ItemExponentialFailureRateLimiter): each failure of a key
/// doubles its delay from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>; success forgets it.
/// </summary>
/// <typeparam name="TKey">The work item type.</typeparam>
public sealed class ExponentialBackoff<TKey>(TimeSpan baseDelay, TimeSpan maxDelay)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, int> _failures = new();

    public TimeSpan BaseDelay => baseDelay;

    public TimeSpan MaxDelay => maxDelay;

    /// <summary>Records a failure of <paramref name="key"/> and returns how long to wait before retrying it.</summary>
    public TimeSpan NextDelay(TKey key)
    {
        var failures = _failures.AddOrUpdate(key, 1, (_, count) => count + 1);
        // 2^(failures-1) overflows long before 63 doublings matter; the cap applies long before.
        var exponent = Math.Min(failures - 1, 62);
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>How many times <paramref name="key"/> failed since it was last forgotten.</summary>
    public int Failures(TKey key) => _failures.GetValueOrDefault(key);

    /// <summary>Forgets the failures of <paramref name="key"/> (it succeeded).</summary>
    public void Forget(TKey key) => _failures.TryRemove(key, out _);
}
