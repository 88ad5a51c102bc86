using System.Diagnostics;

namespace PolicyOperator.Testing;

/// <summary>Waits for a condition that asynchronous machinery makes true; fails naming it (and the last state seen) when it does not.</summary>
public static class Eventually
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        T last;
        Exception? error = null;
        while (true)
        {
            try
            {
                last = await read();
                if (condition(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = default!;
                error = e;
            }

            if (clock.Elapsed > (timeout ?? Generous))
            {
                throw new TimeoutException($"not within {(timeout ?? Generous).TotalSeconds} s: {what}; last seen: {Describe(last)}", error);
            }

            await Task.Delay(50);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        ValueAsync(() => Task.FromResult(condition()), ok => ok, what, timeout);

    private static string Describe<T>(T value)
    {
        if (value is null)
        {
            return "(nothing)";
        }

        string text;
        try
        {
            text = System.Text.Json.JsonSerializer.Serialize(value, PolicyOperator.Api.ApiJson.Options);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            text = value.ToString() ?? string.Empty;
        }

        return text.Length > 3000 ? text[..3000] : text;
    }
}
