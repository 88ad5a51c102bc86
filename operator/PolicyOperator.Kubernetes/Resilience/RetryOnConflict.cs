using PolicyOperator.Kubernetes.Errors;

namespace PolicyOperator.Kubernetes.Resilience;

/// <summary>
/// Runs a read-modify-write until it stops conflicting (client-go's <c>retry.RetryOnConflict</c>): the
/// action must re-read the object each time, so every attempt starts from the latest state.
/// </summary>
public static class RetryOnConflict
{
    /// <summary>client-go's default: 5 attempts, 10 ms apart, with jitter.</summary>
    public const int DefaultAttempts = 5;

    /// <summary>Runs <paramref name="action"/>; on <see cref="ConflictException"/> waits briefly and runs it again.</summary>
    /// <exception cref="ConflictException">Still conflicting after <paramref name="attempts"/> attempts.</exception>
    public static async Task<T> ExecuteAsync<T>(
        Func<CancellationToken, Task<T>> action,
        CancellationToken cancellationToken,
        int attempts = DefaultAttempts,
        TimeSpan? delay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var pause = delay ?? TimeSpan.FromMilliseconds(10);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken).ConfigureAwait(false);
            }
            catch (ConflictException) when (attempt < attempts)
            {
                var jitter = TimeSpan.FromTicks((long)(pause.Ticks * 0.1 * Random.Shared.NextDouble()));
                await Task.Delay(pause + jitter, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> until it stops conflicting (see the generic overload).</summary>
    public static Task ExecuteAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken, int attempts = DefaultAttempts) =>
        ExecuteAsync<bool>(
            async token =>
            {
                await action(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            attempts);
}
