using System.Text.Json;
using FluentAssertions;
using PolicyOperator.Api;
using PolicyOperator.Cli;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Cli.Tests;

/// <summary>ObservedTraffic is the pivot format: traffic saved as ObservedTraffic generates the same policies as its source.</summary>
public sealed class ObservedTrafficPivotTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("policyctl-pivot-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Hubble_flows_and_the_observed_traffic_read_from_them_generate_the_same_bytes()
    {
        var hubble = RepositoryPaths.TestData("hubble-otel-flows", "basic-sample-400-tcp-flows.json");
        var read = await new TrafficReader().ReadAsync([hubble], CancellationToken.None);
        var saved = Path.Combine(_work, "observed.json");
        await File.WriteAllLinesAsync(saved, read.Traffic.Select(t => JsonSerializer.Serialize(t, ApiJson.Options)));

        var fromHubble = await RunAsync("generate", "--traffic", hubble, "--out", "-");
        var fromObserved = await RunAsync("generate", "--traffic", saved, "--out", "-");

        read.Traffic.Should().HaveCountGreaterThan(3);
        fromObserved.Exit.Should().Be(PolicyCtl.ExitOk, fromObserved.Stderr);
        fromObserved.Stdout.Should().Contain("kind: NetworkPolicy").And.Be(fromHubble.Stdout);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await PolicyCtl.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
