using FluentAssertions;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Client;

public sealed class BearerTokenTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("token-").FullName;

    [Fact]
    public async Task A_token_file_is_reread_after_it_rotates()
    {
        var tokenFile = Path.Combine(_directory, "token");
        File.WriteAllText(tokenFile, "first\n");
        var time = new ShiftedTime();
        await using var server = await ScriptedApiServer.StartAsync((context, _) => ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "1")));
        using var client = new KubernetesClient(
            new KubernetesClientConfiguration { Server = server.Address, TokenFile = tokenFile },
            ScriptedApiServer.FastOptions() with { TimeProvider = time });

        await client.Leases.GetAsync("lock", "ns", CancellationToken.None);
        File.WriteAllText(tokenFile, "second\n");
        await client.Leases.GetAsync("lock", "ns", CancellationToken.None);
        time.Shift = TimeSpan.FromMinutes(2);
        await client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        // Read once a minute, as kubelet rotates projected tokens well before they expire.
        server.Requests.Select(r => r.Authorization).Should().Equal("Bearer first", "Bearer first", "Bearer second");
    }

    [Fact]
    public async Task Basic_authentication_is_sent_when_the_kubeconfig_has_a_username()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) => ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "1")));
        using var client = new KubernetesClient(
            new KubernetesClientConfiguration { Server = server.Address, Username = "admin", Password = "secret" },
            ScriptedApiServer.FastOptions());

        await client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        server.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Basic YWRtaW46c2VjcmV0");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The system clock moved on by <see cref="Shift"/> (timers stay real).</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
