using FluentAssertions;
using PolicyOperator.Cli;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Diff_of_equivalent_policy_sets_is_empty_and_exits_zero()
    {
        // np-guard's synthesized Online Boutique policies allow the same connections as the hand-written ones.
        var (exit, stdout, stderr) = await RunAsync(
            "diff",
            "--from", NpGuard("onlineboutique_workloads", "netpols.yaml"),
            "--to", NpGuard("new_online_boutique_synthesis", "synthesis_res_new_online_boutique.yaml"),
            "--inventory", NpGuard("onlineboutique_workloads", "kubernetes-manifests.yaml"));

        exit.Should().Be(PolicyCtl.ExitOk, stderr);
        stdout.Trim().Should().Be("diff: 0 connection(s) newly allowed (+), 0 newly denied (-)");
    }

    [Fact]
    public async Task Diff_lists_connections_that_become_allowed_and_denied()
    {
        var inventory = NpGuard("onlineboutique_workloads", "kubernetes-manifests.yaml");
        var from = NpGuard("onlineboutique_workloads", "netpols.yaml");
        var narrowed = _files.Write("narrow.yaml", File.ReadAllText(from).Replace("port: 7070", "port: 7071", StringComparison.Ordinal));

        var (exit, stdout, _) = await RunAsync("diff", "--from", from, "--to", narrowed, "--inventory", inventory);

        exit.Should().Be(PolicyCtl.ExitFindings);
        stdout.Should().Contain("- default/checkoutservice[Deployment] => default/cartservice[Deployment] : TCP 7070")
            .And.Contain("+ default/checkoutservice[Deployment] => default/cartservice[Deployment] : TCP 7071")
            .And.Contain("- default/frontend[Deployment] => default/cartservice[Deployment] : TCP 7070");
    }

    [Fact]
    public async Task Documents_that_are_not_policies_are_reported_on_stderr()
    {
        var directory = RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "onlineboutique_workloads");

        var (exit, _, stderr) = await RunAsync("diff", "--from", directory, "--to", directory, "--inventory", directory);

        exit.Should().Be(PolicyCtl.ExitOk);
        stderr.Should().Contain("policyctl: policies: ignored").And.Contain("Deployment x").And.Contain("Namespace x");
    }

    [Fact]
    public async Task Diff_with_a_malformed_policy_is_exit_two_naming_file_and_field()
    {
        var bad = _files.Write("bad.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: bad, namespace: default}
            spec:
              podSelector: {}
              ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/40}}]}]
            """);

        var (exit, _, stderr) = await RunAsync("diff", "--from", bad, "--to", bad, "--inventory", NpGuard("onlineboutique_workloads", "kubernetes-manifests.yaml"));

        exit.Should().Be(PolicyCtl.ExitUsage);
        stderr.Should().Contain("bad.yaml:1").And.Contain("spec.ingress[0].from[0].ipBlock.cidr");
    }

    private static string NpGuard(string testCase, string file) => RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", testCase, file);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await PolicyCtl.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
