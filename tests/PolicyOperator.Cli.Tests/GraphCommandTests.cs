using FluentAssertions;
using PolicyOperator.Cli;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Cli.Tests;

public sealed class GraphCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("policyctl-graph-").FullName;

    private static string Tcp => RepositoryPaths.TestData("hubble-otel-flows", "basic-sample-400-tcp-flows.json");

    private static string Udp => RepositoryPaths.TestData("hubble-otel-flows", "basic-sample-400-udp-flows.json");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Dot_graph_of_hubble_flows_shows_bookinfo_workloads_and_their_ports()
    {
        var (exit, stdout, stderr) = await RunAsync(["graph", "--traffic", Tcp]);

        exit.Should().Be(PolicyCtl.ExitOk, stderr);
        stdout.Should().StartWith("digraph dependencies {");
        stdout.Should().MatchRegex(@"""[a-z0-9-]+/productpage-v1\[Deployment\]"" -> ""[a-z0-9-]+/reviews-v[123]\[Deployment\]"" \[label=""TCP 9080""");
    }

    [Fact]
    public async Task Mermaid_is_chosen_by_the_output_extension_and_the_file_is_written()
    {
        var path = Path.Combine(_work, "map.mmd");

        var (exit, _, stderr) = await RunAsync(["graph", "--traffic", Tcp, "--out", path]);

        exit.Should().Be(PolicyCtl.ExitOk, stderr);
        (await File.ReadAllTextAsync(path)).Should().StartWith("flowchart LR");
        stderr.Should().MatchRegex(@"wrote \d+ node\(s\), \d+ edge\(s\)");
    }

    [Fact]
    public async Task Flows_denied_by_the_given_policies_are_marked_and_allowed_ones_are_not()
    {
        var policies = Path.Combine(_work, "policies");
        (await RunAsync(["generate", "--traffic", Udp, "--out", policies])).Exit.Should().Be(PolicyCtl.ExitOk);

        var own = await RunAsync(["graph", "--traffic", Udp, "--policies", policies, "--format", "dot"]);
        var other = await RunAsync(["graph", "--traffic", Tcp, "--policies", policies, "--format", "dot"]);

        own.Stdout.Should().NotContain("style=dashed", "policies generated from this traffic allow all of it");
        other.Stdout.Should().Contain("style=dashed", "UDP-only policies deny the TCP traffic");
    }

    [Fact]
    public async Task Html_map_is_a_self_contained_page_with_an_svg()
    {
        var path = Path.Combine(_work, "map.html");

        (await RunAsync(["graph", "--traffic", Tcp, "--out", path])).Exit.Should().Be(PolicyCtl.ExitOk);

        var html = await File.ReadAllTextAsync(path);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<svg").And.Contain("productpage-v1").And.NotContain("<script");
    }

    [Fact]
    public async Task Unknown_format_is_a_usage_error()
    {
        (await RunAsync(["graph", "--traffic", Tcp, "--format", "png"])).Exit.Should().Be(PolicyCtl.ExitUsage);
    }

    [Fact]
    public async Task Malformed_traffic_names_the_file_and_exits_2()
    {
        var bad = Path.Combine(_work, "bad.json");
        await File.WriteAllTextAsync(bad, "{\"flow\": {\"verdict\": ");

        var (exit, _, stderr) = await RunAsync(["graph", "--traffic", bad]);

        exit.Should().Be(PolicyCtl.ExitUsage);
        stderr.Should().Contain("bad.json");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await PolicyCtl.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
