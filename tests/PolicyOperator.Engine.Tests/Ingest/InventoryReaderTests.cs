using FluentAssertions;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Inventory;
using PolicyOperator.Ingest.Policies;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Engine.Tests.Ingest;

public sealed class InventoryReaderTests
{
    [Fact]
    public async Task Reads_a_kubectl_pod_list_and_namespace_list()
    {
        var reader = new InventoryReader(new KubernetesDocumentReader());

        var result = await reader.ReadAsync([RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "test_with_named_ports")], CancellationToken.None);

        result.Inventory.Pods.Should().HaveCountGreaterThan(10);
        result.Inventory.Namespaces.Select(n => n.Metadata.Name).Should().Contain("default");
        result.Inventory.NetworkPolicies.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Records_kinds_an_inventory_does_not_hold()
    {
        var reader = new InventoryReader(new KubernetesDocumentReader());

        var result = await reader.ReadAsync([RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "acs-security-demos")], CancellationToken.None);

        result.Inventory.Deployments.Should().HaveCountGreaterThan(5);
        result.Ignored.Select(i => i.Kind).Should().Contain("Route").And.Contain("ConfigMap");
        result.Ignored.Should().OnlyContain(i => i.Source.File.EndsWith(".yaml", StringComparison.Ordinal) || i.Source.File.EndsWith(".json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Policy_reader_takes_only_network_policies()
    {
        var reader = new NetworkPolicyReader(new KubernetesDocumentReader());

        var result = await reader.ReadAsync([RepositoryPaths.TestData("npguard-netpol-analyzer", "tests", "onlineboutique")], CancellationToken.None);

        result.Policies.Should().NotBeEmpty().And.OnlyContain(p => p.Kind == "NetworkPolicy");
        result.Ignored.Select(i => i.Kind).Should().Contain("Pod");
    }
}
