using System.Diagnostics;
using FluentAssertions;
using Polly.CircuitBreaker;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Errors;
using PolicyOperator.Kubernetes.Resilience;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Client;

public sealed class ResilienceTests
{
    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_the_server_asked_for()
    {
        var calls = 0;
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return ScriptedApiServer.RespondAsync(context, 429, ScriptedApiServer.StatusJson(429, "TooManyRequests", "slow down"));
            }

            return ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "1"));
        });
        using var client = server.CreateClient();
        var clock = Stopwatch.StartNew();

        var lease = await client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        lease.Metadata.Name.Should().Be("lock");
        calls.Should().Be(2);
        // The backoff alone would be ~10 ms: waiting the second proves Retry-After was honoured.
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_5xx_is_retried_until_it_succeeds(int code)
    {
        var calls = 0;
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
            Interlocked.Increment(ref calls) <= 2
                ? ScriptedApiServer.RespondAsync(context, code, ScriptedApiServer.StatusJson(code, "InternalError", "hiccup"))
                : ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "1")));
        using var client = server.CreateClient();

        (await client.Leases.GetAsync("lock", "ns", CancellationToken.None)).Metadata.Name.Should().Be("lock");
        calls.Should().Be(3);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_attempts_with_the_servers_error()
    {
        var calls = 0;
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
        {
            Interlocked.Increment(ref calls);
            return ScriptedApiServer.RespondAsync(context, 503, ScriptedApiServer.StatusJson(503, "ServiceUnavailable", "etcd is down"));
        });
        using var client = server.CreateClient(ScriptedApiServer.FastOptions() with
        {
            Resilience = ScriptedApiServer.FastOptions().Resilience with { MaxRetryAttempts = 3 },
        });

        var call = () => client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        (await call.Should().ThrowAsync<KubernetesApiException>()).Which.Message.Should().Contain("503").And.Contain("etcd is down");
        calls.Should().Be(4);
    }

    [Fact]
    public async Task A_4xx_other_than_429_is_not_retried()
    {
        var calls = 0;
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
        {
            Interlocked.Increment(ref calls);
            return ScriptedApiServer.RespondAsync(context, 409, ScriptedApiServer.StatusJson(409, "Conflict", "changed"));
        });
        using var client = server.CreateClient();

        var call = () => client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        await call.Should().ThrowAsync<ConflictException>();
        calls.Should().Be(1);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        var calls = 0;
        await using var server = await ScriptedApiServer.StartAsync(async (context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            }

            await ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "1"));
        });
        using var client = server.CreateClient(ScriptedApiServer.FastOptions() with
        {
            Resilience = ScriptedApiServer.FastOptions().Resilience with { AttemptTimeout = TimeSpan.FromMilliseconds(300) },
        });

        (await client.Leases.GetAsync("lock", "ns", CancellationToken.None)).Metadata.Name.Should().Be("lock");
        calls.Should().Be(2);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_calls_fail_fast_without_reaching_the_server()
    {
        var calls = 0;
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
        {
            Interlocked.Increment(ref calls);
            return ScriptedApiServer.RespondAsync(context, 500, ScriptedApiServer.StatusJson(500, "InternalError", "broken"));
        });
        using var client = server.CreateClient(ScriptedApiServer.FastOptions() with
        {
            Resilience = ScriptedApiServer.FastOptions().Resilience with
            {
                MaxRetryAttempts = 0,
                MinimumThroughput = 4,
                FailureRatio = 0.5,
                BreakDuration = TimeSpan.FromSeconds(30),
            },
        });
        for (var i = 0; i < 4; i++)
        {
            var failing = () => client.Leases.GetAsync("lock", "ns", CancellationToken.None);
            await failing.Should().ThrowAsync<KubernetesApiException>();
        }

        var call = () => client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        await call.Should().ThrowAsync<BrokenCircuitException>();
        calls.Should().Be(4);
    }

    [Fact]
    public async Task The_client_side_rate_limit_spaces_requests_and_can_be_turned_off()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) => ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "1")));
        using var limited = server.CreateClient(ScriptedApiServer.FastOptions() with
        {
            Resilience = ScriptedApiServer.FastOptions().Resilience with { RateLimitPerSecond = 10, RateLimitBurst = 1 },
        });
        using var unlimited = server.CreateClient();

        var limitedTime = await TimeRequestsAsync(limited, 11);
        var unlimitedTime = await TimeRequestsAsync(unlimited, 11);

        // 11 requests at 10/s with a burst of 1 need at least one second; without the limit far less.
        limitedTime.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
        unlimitedTime.Should().BeLessThan(limitedTime);
        server.Requests.Should().HaveCount(22);
    }

    [Fact]
    public async Task RetryOnConflict_rereads_and_retries_until_the_write_succeeds()
    {
        var writes = 0;
        await using var server = await ScriptedApiServer.StartAsync((context, request) =>
            request.Method == "PUT" && Interlocked.Increment(ref writes) <= 2
                ? ScriptedApiServer.RespondAsync(context, 409, ScriptedApiServer.StatusJson(409, "Conflict", "the object has been modified"))
                : ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "5")));
        using var client = server.CreateClient();

        var updated = await RetryOnConflict.ExecuteAsync(
            async token =>
            {
                var lease = await client.Leases.GetAsync("lock", "ns", token);
                return await client.Leases.UpdateAsync(lease with { Spec = lease.Spec with { HolderIdentity = "me" } }, token);
            },
            CancellationToken.None);

        updated.Metadata.ResourceVersion.Should().Be("5");
        server.Requests.Select(r => r.Method).Should().Equal("GET", "PUT", "GET", "PUT", "GET", "PUT");
    }

    [Fact]
    public async Task RetryOnConflict_gives_up_after_its_attempts_with_the_conflict()
    {
        var attempts = 0;
        var call = () => RetryOnConflict.ExecuteAsync<Lease>(
            _ =>
            {
                attempts++;
                throw new ConflictException("PUT x", new Api.Meta.Status { Reason = "Conflict", Message = "still changed" });
            },
            CancellationToken.None,
            attempts: 3);

        (await call.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Contain("still changed");
        attempts.Should().Be(3);
    }

    private static async Task<TimeSpan> TimeRequestsAsync(KubernetesClient client, int count)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => client.Leases.GetAsync("lock", "ns", CancellationToken.None)));
        return clock.Elapsed;
    }
}
