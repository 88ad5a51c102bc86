using FluentAssertions;
using Microsoft.AspNetCore.Http;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Errors;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Client;

public sealed class WatchTests
{
    [Fact]
    public async Task Watch_yields_events_in_order_skips_malformed_lines_and_reports_bookmarks()
    {
        await using var server = await ScriptedApiServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            foreach (var line in new[]
            {
                LeaseJson.Event("ADDED", "a", "11"),
                "{not json at all",
                """{"type":"MODIFIED"}""",
                LeaseJson.Event("MODIFIED", "a", "12"),
                """{"type":"BOOKMARK","object":{"kind":"Lease","apiVersion":"coordination.k8s.io/v1","metadata":{"resourceVersion":"13"}}}""",
                """{"type":"MODIFIED","object":{"metadata":{"name":"bad"},"spec":{"leaseTransitions":"many"}}}""",
                LeaseJson.Event("DELETED", "a", "14"),
            })
            {
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        using var client = server.CreateClient();

        var events = new List<WatchEvent<Lease>>();
        await foreach (var watchEvent in client.Leases.WatchAsync("ns", new ListOptions { ResourceVersion = "10", AllowWatchBookmarks = true }, CancellationToken.None))
        {
            events.Add(watchEvent);
        }

        events.Select(e => (e.Type, e.Object?.Metadata.Name, e.ResourceVersion)).Should().Equal(
            (WatchEventType.Added, "a", "11"),
            (WatchEventType.Modified, "a", "12"),
            (WatchEventType.Bookmark, null, "13"),
            (WatchEventType.Deleted, "a", "14"));
        server.Requests.Should().ContainSingle().Which.PathAndQuery.Should()
            .Be("/apis/coordination.k8s.io/v1/namespaces/ns/leases?watch=true&resourceVersion=10&allowWatchBookmarks=true");
    }

    [Fact]
    public async Task Watch_throws_resource_expired_when_the_server_sends_410_gone()
    {
        await using var server = await ScriptedApiServer.StartAsync(async (context, _) =>
        {
            await context.Response.WriteAsync(LeaseJson.Event("ADDED", "a", "11") + "\n", context.RequestAborted);
            await context.Response.WriteAsync($$"""{"type":"ERROR","object":{{ScriptedApiServer.StatusJson(410, "Expired", "too old resource version: 5 (11)")}}}""" + "\n", context.RequestAborted);
        });
        using var client = server.CreateClient();

        var seen = new List<string?>();
        var watch = async () =>
        {
            await foreach (var watchEvent in client.Leases.WatchAsync("ns", new ListOptions { ResourceVersion = "5" }, CancellationToken.None))
            {
                seen.Add(watchEvent.ResourceVersion);
            }
        };

        (await watch.Should().ThrowAsync<ResourceExpiredException>()).Which.Message.Should().Contain("too old resource version");
        seen.Should().Equal("11");
    }

    [Fact]
    public async Task Watch_ends_quietly_when_the_server_drops_the_connection_mid_stream()
    {
        await using var server = await ScriptedApiServer.StartAsync(async (context, _) =>
        {
            await context.Response.WriteAsync(LeaseJson.Event("ADDED", "a", "11") + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            // Let the event reach the client before the reset discards what is unsent.
            await Task.Delay(300, context.RequestAborted);
            context.Abort();
        });
        using var client = server.CreateClient();

        var seen = new List<string?>();
        await foreach (var watchEvent in client.Leases.WatchAsync("ns", null, CancellationToken.None))
        {
            seen.Add(watchEvent.ResourceVersion);
        }

        seen.Should().Equal("11");
    }

    [Fact]
    public async Task Watch_stops_when_cancelled()
    {
        await using var server = await ScriptedApiServer.StartAsync(async (context, _) =>
        {
            await context.Response.WriteAsync(LeaseJson.Event("ADDED", "a", "11") + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var client = server.CreateClient();
        using var cancellation = new CancellationTokenSource();

        var watch = async () =>
        {
            await foreach (var _ in client.Leases.WatchAsync("ns", null, cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        };

        await watch.Should().ThrowAsync<OperationCanceledException>();
    }
}
