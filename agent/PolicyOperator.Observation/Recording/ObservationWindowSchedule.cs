namespace PolicyOperator.Observation.Recording;

/// <summary>
/// Consecutive observation windows of a fixed length, aligned to the Unix epoch (so that an agent
/// that restarts is still in the same window, and the flows its pinned maps kept still count).
/// </summary>
public sealed class ObservationWindowSchedule
{
    /// <summary>
    /// The default window length (<c>--window</c>): a day, the operator's default learning window, so
    /// that daily jobs' traffic stays in the objects the operator proposes from.
    /// </summary>
    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(24);

    /// <summary>A schedule of windows <paramref name="length"/> long.</summary>
    public ObservationWindowSchedule(TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        Length = length;
    }

    /// <summary>How long each window is.</summary>
    public TimeSpan Length { get; }

    /// <summary>
    /// The start of what an object covers at <paramref name="now"/>: the previous window and the
    /// current one. An entry ages out once a whole window passed without it, so a new window does
    /// not empty every object at once (the operator proposes from what the objects hold).
    /// </summary>
    public DateTimeOffset RetainedSince(DateTimeOffset now) => StartOf(now) - Length;

    /// <summary>The start of the window <paramref name="now"/> falls in.</summary>
    public DateTimeOffset StartOf(DateTimeOffset now)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new DateTimeOffset(now.UtcTicks - (sinceEpoch % Length.Ticks), TimeSpan.Zero);
    }
}
