using System.Net;
using System.Text.Json;
using FluentAssertions;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Policies;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Engine.Tests.Evaluation;

/// <summary>
/// cyclonus's example policies: every file parses, and the evaluator answers its traffic query and its
/// probe as cyclonus's committed example output does.
/// </summary>
public sealed class CyclonusExamplesTests
{
    public static TheoryData<string> PolicyFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.TestData("cyclonus", "networkpolicies"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.TestData("cyclonus", "networkpolicies"), file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PolicyFiles))]
    public async Task Every_cyclonus_policy_file_parses_and_compiles(string file)
    {
        var result = await new NetworkPolicyReader(new KubernetesDocumentReader())
            .ReadAsync([RepositoryPaths.TestData("cyclonus", "networkpolicies", file)], CancellationToken.None);

        result.Policies.Should().NotBeEmpty();
        result.Ignored.Should().BeEmpty();
        new PolicySet(result.Policies).Policies.Should().HaveCount(result.Policies.Count);
    }

    [Fact]
    public async Task Traffic_query_matches_cyclonus_is_allowed_answers()
    {
        var policies = await SimpleExampleAsync();
        using var traffic = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryPaths.TestData("cyclonus", "examples", "traffic.json")));
        var expected = (await File.ReadAllLinesAsync(RepositoryPaths.TestData("cyclonus", "examples", "cyclonus-output", "analyze-query-traffic.txt")))
            .Where(l => l.StartsWith("| IS ALLOWED?", StringComparison.Ordinal))
            .Select(l => l.Contains("TRUE", StringComparison.Ordinal))
            .ToList();

        var actual = traffic.RootElement.EnumerateArray().Select(t =>
        {
            var destination = Endpoint(t.GetProperty("Destination"));
            if (t.TryGetProperty("ResolvedPortName", out var name) && destination.Pod is { } pod)
            {
                destination = FlowEndpoint.ForPod(pod with { NamedPorts = [new NamedPort(name.GetString()!, t.GetProperty("Protocol").GetString()!, t.GetProperty("ResolvedPort").GetInt32())] });
            }

            var flow = new Flow(Endpoint(t.GetProperty("Source")), destination, t.GetProperty("Protocol").GetString()!, t.GetProperty("ResolvedPort").GetInt32());
            return policies.Evaluate(flow).Allowed;
        }).ToList();

        expected.Should().HaveCount(4);
        actual.Should().Equal(expected);
    }

    [Fact]
    public async Task Probe_matches_cyclonus_combined_truth_tables()
    {
        var policies = await SimpleExampleAsync();
        using var probe = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryPaths.TestData("cyclonus", "examples", "probe.json")));
        var namespaces = probe.RootElement.GetProperty("Resources").GetProperty("Namespaces").EnumerateObject()
            .ToDictionary(n => n.Name, n => Labels(n.Value));
        var pods = probe.RootElement.GetProperty("Resources").GetProperty("Pods").EnumerateArray().Select(p => new PodEndpoint
        {
            Namespace = p.GetProperty("Namespace").GetString()!,
            Name = p.GetProperty("Name").GetString()!,
            Labels = Labels(p.GetProperty("Labels")),
            NamespaceLabels = namespaces[p.GetProperty("Namespace").GetString()!],
            Ip = IPAddress.Parse(p.GetProperty("IP").GetString()!),
            NamedPorts = [.. p.GetProperty("Containers").EnumerateArray().Select(c => new NamedPort(
                c.GetProperty("PortName").GetString()!, c.GetProperty("Protocol").GetString()!.ToUpperInvariant(), c.GetProperty("Port").GetInt32()))],
        }).ToList();
        var tables = CombinedTables(await File.ReadAllLinesAsync(RepositoryPaths.TestData("cyclonus", "examples", "cyclonus-output", "analyze-probe.txt")));
        var probes = probe.RootElement.GetProperty("Probes").EnumerateArray().Select(p => (Protocol: p.GetProperty("Protocol").GetString()!, Port: p.GetProperty("Port").GetInt32())).ToList();

        var compared = 0;
        for (var i = 0; i < probes.Count; i++)
        {
            // "N" marks a pair cyclonus could not probe (no container serves the port): nothing to compare.
            var expected = tables[i].Select(r => r.Split(' ')).ToList();
            var actual = pods.Select((from, row) => string.Join(' ', pods.Select((to, column) =>
                expected[row][column] == "N" ? "N"
                : policies.Evaluate(new Flow(FlowEndpoint.ForPod(from), FlowEndpoint.ForPod(to), probes[i].Protocol, probes[i].Port)).Allowed ? "." : "X"))).ToList();
            actual.Should().Equal(tables[i], $"probe {probes[i].Protocol} {probes[i].Port}");
            compared += expected.Sum(r => r.Count(c => c != "N"));
        }

        compared.Should().Be(2 * 81, "ports 80 and 81 are served by every pod");
    }

    private static async Task<PolicySet> SimpleExampleAsync()
    {
        var result = await new NetworkPolicyReader(new KubernetesDocumentReader())
            .ReadAsync([RepositoryPaths.TestData("cyclonus", "networkpolicies", "simple-example")], CancellationToken.None);
        return new PolicySet(result.Policies);
    }

    private static FlowEndpoint Endpoint(JsonElement element)
    {
        var ip = element.TryGetProperty("IP", out var address) ? IPAddress.Parse(address.GetString()!) : null;
        if (!element.TryGetProperty("Internal", out var pod))
        {
            return FlowEndpoint.ForAddress(ip!);
        }

        var ns = pod.GetProperty("Namespace").GetString()!;
        return FlowEndpoint.ForPod(new PodEndpoint
        {
            Namespace = ns,
            Name = ns,
            Labels = Labels(pod.GetProperty("PodLabels")),
            NamespaceLabels = Labels(pod.GetProperty("NamespaceLabels")),
            Ip = ip,
        });
    }

    private static Dictionary<string, string> Labels(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    // The rows of each "Combined:" table, as ". X ." strings per source pod.
    private static List<List<string>> CombinedTables(string[] lines)
    {
        var tables = new List<List<string>>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "Combined:")
            {
                continue;
            }

            var rows = lines.Skip(i + 1).SkipWhile(l => !l.StartsWith("| x/a", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|'))
                .Select(l => string.Join(' ', l.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(1)))
                .ToList();
            tables.Add(rows);
        }

        return tables;
    }
}
