using FluentAssertions;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Inventory;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Engine.Tests.Evaluation;

/// <summary>np-guard's pod x pod matrix for Online Boutique (eval_test.go): every pair's allowed connections.</summary>
public sealed class NpGuardPodMatrixTests
{
    [Fact]
    public async Task Every_pod_pair_has_the_connections_np_guard_computed()
    {
        var dir = RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "onlineboutique");
        var inventory = (await new InventoryReader(new KubernetesDocumentReader()).ReadAsync([dir], CancellationToken.None)).Inventory;
        var index = new InventoryIndex(inventory);
        var policies = new PolicySet(inventory.NetworkPolicies);
        var pods = inventory.Pods.ToDictionary(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}", p => FlowEndpoint.ForPod(PodEndpoints.FromPod(p, index)), StringComparer.Ordinal);
        var expected = await File.ReadAllLinesAsync(Path.Combine(dir, "connections_map_output.txt"));

        var actual = expected.Where(l => l.Length > 0).Select(line =>
        {
            var parts = line.Split(", ");
            var source = parts[0]["src: ".Length..];
            var destination = parts[1]["dest: ".Length..];
            // np-guard counts a pod talking to itself as allowed (it never leaves the pod).
            var connections = source == destination ? "All Connections" : policies.AllowedConnections(pods[source], pods[destination]).ToString();
            return $"src: {source}, dest: {destination}, allowed conns: {connections}";
        }).ToList();

        actual.Should().HaveCount(144).And.Equal(expected.Where(l => l.Length > 0));
    }
}
