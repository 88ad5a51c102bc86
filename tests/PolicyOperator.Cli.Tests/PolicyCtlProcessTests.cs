using FluentAssertions;
using PolicyOperator.Cli;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Cli.Tests;

/// <summary>The evaluator commands run as the real executable: exit codes and streams as a shell sees them.</summary>
public sealed class PolicyCtlProcessTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    // The apphost beside the test assembly (the CLI project is referenced); the same build as bin/policyctl.
    private static string PolicyCtlPath => Path.Combine(AppContext.BaseDirectory, "policyctl");

    [Fact]
    public async Task Connectivity_prints_np_guard_lines_on_stdout_and_exits_zero()
    {
        var input = RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "netpol-analysis-example-minimal");

        var result = await ProcessRunner.RunAsync(PolicyCtlPath, ["connectivity", "--inventory", input, "--policies", input]);

        result.ExitCode.Should().Be(PolicyCtl.ExitOk, result.Stderr);
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : TCP 8080",
            "default/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : UDP 53",
            "default/frontend[Deployment] => default/backend[Deployment] : TCP 9090");
    }

    [Fact]
    public async Task Bad_input_exits_two_with_the_place_on_stderr()
    {
        var bad = _files.Write("policies.yaml", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec:\n  podSelector: {matchLabels: [a]}\n");
        var inventory = RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "netpol-analysis-example-minimal");

        var result = await ProcessRunner.RunAsync(PolicyCtlPath, ["connectivity", "--inventory", inventory, "--policies", bad]);

        result.ExitCode.Should().Be(PolicyCtl.ExitUsage);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("policies.yaml:5").And.Contain("spec.podSelector.matchLabels");
    }
}
