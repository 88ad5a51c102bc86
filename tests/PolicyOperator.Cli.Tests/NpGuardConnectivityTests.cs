using FluentAssertions;
using PolicyOperator.Cli;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Cli.Tests;

/// <summary>
/// np-guard netpol-analyzer's connlist cases: <c>policyctl connectivity</c> on <c>tests/&lt;case&gt;/</c>
/// must print exactly the lines of <c>test_outputs/connlist/&lt;case&gt;_connlist_output.txt</c> (sorted).
/// </summary>
public sealed class NpGuardConnectivityTests
{
    /// <summary>
    /// Expected lines left out on purpose, per case, with the reason. Everything else must match.
    /// </summary>
    private static readonly Dictionary<string, (string LineContains, string Reason)> Exclusions = new(StringComparer.Ordinal)
    {
        ["acs-security-demos"] = ("{ingress-controller}", "OpenShift Routes / Ingress objects (np-guard's ingress-controller peer) are out of scope"),
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.TestData("npguard-netpol-analyzer", "test_outputs", "connlist"), "*_connlist_output.txt").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file)[..^"_connlist_output.txt".Length]);
        }

        return data;
    }

    [Fact]
    public void Every_case_with_a_text_output_is_covered()
    {
        Cases().Count.Should().BeGreaterThanOrEqualTo(9, "the shared test data holds nine connlist text outputs");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Connectivity_reproduces_the_np_guard_connection_list(string testCase)
    {
        var input = RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", testCase);
        var expected = (await File.ReadAllLinesAsync(RepositoryPaths.TestData("npguard-netpol-analyzer", "test_outputs", "connlist", $"{testCase}_connlist_output.txt")))
            .Where(l => l.Length > 0)
            .Where(l => !Exclusions.TryGetValue(testCase, out var excluded) || !l.Contains(excluded.LineContains, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await PolicyCtl.RunAsync(["connectivity", "--inventory", input, "--policies", input], stdout, stderr, CancellationToken.None);

        exit.Should().Be(PolicyCtl.ExitOk, stderr.ToString());
        var actual = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        actual.Should().Equal(expected);
    }

    [Fact]
    public async Task Connectivity_output_is_sorted_and_identical_across_runs()
    {
        var input = RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "onlineboutique_workloads");
        var first = new StringWriter();
        var second = new StringWriter();

        await PolicyCtl.RunAsync(["connectivity", "-i", input], first, new StringWriter(), CancellationToken.None);
        await PolicyCtl.RunAsync(["connectivity", "-i", input], second, new StringWriter(), CancellationToken.None);

        var lines = first.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotBeEmpty().And.BeInAscendingOrder(StringComparer.Ordinal);
        second.ToString().Should().Be(first.ToString());
    }

    [Fact]
    public async Task Bad_inventory_is_exit_2_with_file_and_line()
    {
        var dir = Directory.CreateTempSubdirectory("connectivity-");
        try
        {
            var file = Path.Combine(dir.FullName, "bad.yaml");
            await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [not, a, map]\n");
            var stderr = new StringWriter();

            var exit = await PolicyCtl.RunAsync(["connectivity", "--inventory", file], new StringWriter(), stderr, CancellationToken.None);

            exit.Should().Be(PolicyCtl.ExitUsage);
            stderr.ToString().Should().Contain("bad.yaml:5").And.Contain("metadata.labels");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Host_network_pods_can_be_treated_as_node_traffic()
    {
        // In ipblockstest, calico-node-tier is a host-network DaemonSet that a policy selects: np-guard isolates it.
        var input = RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "ipblockstest");
        var asPods = new StringWriter();
        var asNodes = new StringWriter();

        await PolicyCtl.RunAsync(["connectivity", "-i", input], asPods, new StringWriter(), CancellationToken.None);
        await PolicyCtl.RunAsync(["connectivity", "-i", input, "--host-network-as-node"], asNodes, new StringWriter(), CancellationToken.None);

        const string line = "10.0.0.0-10.255.255.255[External] => kube-system/calico-node-tier[DaemonSet] : All Connections";
        asPods.ToString().Split('\n').Should().NotContain(line, "the policy isolates it and excepts 10.0.0.0/8");
        asNodes.ToString().Split('\n').Should().Contain(line, "a host-network pod is not selected by policies");
    }

    [Fact]
    public async Task Inventory_can_come_from_standard_input()
    {
        var dir = RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "minimal_test_in_ns");
        var manifests = string.Join("\n---\n", Directory.EnumerateFiles(dir, "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        var fromFiles = new StringWriter();
        var fromStdin = new StringWriter();

        await PolicyCtl.RunAsync(["connectivity", "-i", dir], fromFiles, new StringWriter(), CancellationToken.None);
        var exit = await PolicyCtl.RunAsync(["connectivity", "-i", "-"], new StringReader(manifests), fromStdin, new StringWriter(), CancellationToken.None);

        exit.Should().Be(PolicyCtl.ExitOk);
        fromStdin.ToString().Should().NotBeEmpty().And.Be(fromFiles.ToString());
    }

    [Fact]
    public async Task Missing_inventory_option_is_a_usage_error()
    {
        var stderr = new StringWriter();

        var exit = await PolicyCtl.RunAsync(["connectivity"], new StringWriter(), stderr, CancellationToken.None);

        exit.Should().Be(PolicyCtl.ExitUsage);
        stderr.ToString().Should().Contain("--inventory");
    }
}
