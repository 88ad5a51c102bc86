using System.Diagnostics;

namespace PolicyOperator.Sensor.Aggregation;

/// <summary>
/// Converts the kernel's CLOCK_MONOTONIC nanoseconds (bpf_ktime_get_ns) to wall-clock time.
/// .NET's Stopwatch reads the same clock on Linux, so the offset is taken once.
/// </summary>
public sealed class KernelClock
{
    private readonly DateTimeOffset _bootEpoch;

    /// <summary>Takes the offset now.</summary>
    public KernelClock(TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        _bootEpoch = now - Stopwatch.GetElapsedTime(0);
    }

    /// <summary>The wall-clock time of a monotonic timestamp.</summary>
    public DateTimeOffset ToUtc(ulong monotonicNs) => _bootEpoch + TimeSpan.FromTicks((long)(monotonicNs / 100));

    /// <summary>The current monotonic timestamp.</summary>
    public static ulong NowNs => (ulong)Stopwatch.GetTimestamp() * (1_000_000_000UL / (ulong)Stopwatch.Frequency);
}
