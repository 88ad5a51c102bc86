using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

public sealed class FaultTests
{
    [Fact]
    public async Task Next_requests_fail_with_the_injected_code_then_recover()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        server.Faults.FailNext(2, 500);

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await client.SendAsync(HttpMethod.Get, "/api/v1/namespaces")).Status);
        }

        codes.Should().Equal(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        server.Faults.InjectedFailures.Should().Be(2);
    }

    [Fact]
    public async Task Throttling_answers_429_with_retry_after_only_on_matching_paths()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        server.Faults.ThrottleNext(1, TimeSpan.FromSeconds(3), pathContains: "/pods");

        var other = await client.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        var (status, body, response) = await client.SendAsync(HttpMethod.Get, "/api/v1/pods");

        other.Status.Should().Be(HttpStatusCode.OK);
        status.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        body!["details"]!["retryAfterSeconds"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Outage_answers_503_drops_watches_and_ends()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        await using var watch = await WatchStream.OpenAsync(client.Http, "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1");

        server.Faults.StartOutage(TimeSpan.FromMinutes(5));
        var during = await client.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        var watchEnd = await watch.NextAsync();
        server.Faults.EndOutage();
        var after = await client.SendAsync(HttpMethod.Get, "/api/v1/namespaces");

        during.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        watchEnd.Should().BeNull();
        after.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Latency_delays_each_request_by_at_least_the_injected_time()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        server.Faults.Latency = TimeSpan.FromMilliseconds(300);

        var clock = Stopwatch.StartNew();
        await client.SendAsync(HttpMethod.Get, "/version");

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Admin_endpoint_injects_and_resets_faults()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        var (setStatus, settings, _) = await client.SendAsync(HttpMethod.Post, "/testapiserver/faults", JsonNode.Parse("""{"fail":{"count":1,"code":429,"retryAfterSeconds":2}}"""));
        var failed = await client.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        await client.SendAsync(HttpMethod.Post, "/testapiserver/faults", JsonNode.Parse("""{"fail":{"count":5,"code":500}}"""));
        await client.SendAsync(HttpMethod.Post, "/testapiserver/faults", JsonNode.Parse("""{"reset":true}"""));
        var ok = await client.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        var (badStatus, bad, _) = await client.SendAsync(HttpMethod.Post, "/testapiserver/faults", JsonNode.Parse("""{"latncy":5}"""));

        setStatus.Should().Be(HttpStatusCode.OK);
        settings!["pendingFailures"]!.AsArray().Should().ContainSingle();
        failed.Status.Should().Be(HttpStatusCode.TooManyRequests);
        ok.Status.Should().Be(HttpStatusCode.OK);
        badStatus.Should().Be(HttpStatusCode.BadRequest);
        bad!["message"]!.GetValue<string>().Should().Contain("latncy");
    }

    [Fact]
    public async Task Admin_endpoint_compacts_and_drops_watches()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        await using var watch = await WatchStream.OpenAsync(client.Http, "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1");

        await client.SendAsync(HttpMethod.Post, "/testapiserver/faults", JsonNode.Parse("""{"dropWatches":true,"compact":true}"""));
        var end = await watch.NextAsync();
        await using var again = await WatchStream.OpenAsync(client.Http, "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1");

        end.Should().BeNull();
        (await again.NextAsync())!["object"]!["code"]!.GetValue<int>().Should().Be(410);
    }
}
