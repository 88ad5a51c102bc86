namespace PolicyOperator.Observation.Recording;

/// <summary>
/// Consecutive observation windows of a fixed length, aligned to the Unix epoch (so that an agent
/// that restarts is still in the same window, and the flows its pinned maps kept still count).
/// </summary>
public sealed class ObservationWindowSchedule
{
    /// <summary>The default window length (<c>--window</c>): long enough for hourly jobs to be seen in every window.</summary>
    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(1);

    /// <summary>A schedule of windows <paramref name="length"/> long.</summary>
    public ObservationWindowSchedule(TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        Length = length;
    }

    /// <summary>How long each window is.</summary>
    public TimeSpan Length { get; }

    /// <summary>The start of the window <paramref name="now"/> falls in.</summary>
    public DateTimeOffset StartOf(DateTimeOffset now)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new DateTimeOffset(now.UtcTicks - (sinceEpoch % Length.Ticks), TimeSpan.Zero);
    }
}
