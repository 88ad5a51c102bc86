using FluentAssertions;
using PolicyOperator.Kubernetes.Tests.Client;
using PolicyOperator.Runtime.Informers;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

public sealed class InformerBackoffTests
{
    [Fact]
    public async Task Watches_that_keep_ending_empty_handed_are_retried_with_backoff_not_in_a_hot_loop()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, request) =>
            request.PathAndQuery.Contains("watch=true", StringComparison.Ordinal)
                ? Task.CompletedTask
                : ScriptedApiServer.RespondAsync(context, 200, LeaseJson.List("5", null)));
        using var client = server.CreateClient();
        using var stop = new CancellationTokenSource();
        var informer = new SharedInformer<Api.Coordination.Lease>(
            "leases",
            new ResourceListWatch<Api.Coordination.Lease>(client.Leases, "ns"),
            new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(400) });

        var run = informer.RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await run;

        // Backing off 100, 200, 400, 400 ... ms (jittered to half) allows at most ~10 watches in 2 s; a hot loop makes hundreds.
        server.Requests.Count(r => r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal)).Should().BeInRange(2, 15);
        informer.HasSynced.Should().BeTrue();
    }

    [Fact]
    public async Task A_failing_list_is_retried_with_backoff_until_it_succeeds()
    {
        var lists = 0;
        await using var server = await ScriptedApiServer.StartAsync((context, request) =>
            request.PathAndQuery.Contains("watch=true", StringComparison.Ordinal)
                ? Task.Delay(Timeout.Infinite, context.RequestAborted)
                : Interlocked.Increment(ref lists) <= 3
                    ? ScriptedApiServer.RespondAsync(context, 403, ScriptedApiServer.StatusJson(403, "Forbidden", "rbac not ready yet"))
                    : ScriptedApiServer.RespondAsync(context, 200, LeaseJson.List("5", null, LeaseJson.Lease("a", "4"))));
        using var client = server.CreateClient();
        using var stop = new CancellationTokenSource();
        var informer = new SharedInformer<Api.Coordination.Lease>(
            "leases",
            new ResourceListWatch<Api.Coordination.Lease>(client.Leases, "ns"),
            new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100) });

        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await run;

        lists.Should().Be(4);
        informer.Cache.Count.Should().Be(1);
    }
}
