using System.Diagnostics;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

/// <summary>Waits for a condition that asynchronous machinery makes true; fails naming it when it does not.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"not within {timeout.TotalSeconds} s: {what}");
            }

            await Task.Delay(20);
        }
    }
}
