using System.Net;
using FluentAssertions;
using PolicyOperator.Demo.Inventory;
using PolicyOperator.Demo.Topology;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Inventory;
using Xunit;

namespace PolicyOperator.Demo.Tests;

/// <summary>The inventory the demo writes reads back as a cluster's would: workloads, Services, named ports.</summary>
public sealed class DemoInventoryTests
{
    private static readonly ShopTopology Topology = ShopTopology.Default;
    private static readonly IReadOnlyList<DeployedPod> Deployed = Pods();

    [Fact]
    public async Task The_written_inventory_reads_back_with_every_pod_owned_by_its_workload()
    {
        var index = await ReadBackAsync();

        foreach (var pod in Deployed)
        {
            var read = index.PodByIp(pod.IPv4);
            read.Should().NotBeNull($"pod {pod.Name} is in the inventory by its address");
            read!.Metadata.Uid.Should().Be(pod.Uid);
            var workload = index.WorkloadOf(read);
            workload.Should().Be(new ResolvedWorkload(pod.Workload.Kind, pod.Workload.Name, pod.Workload.Namespace, workload.Selector));
            workload.Selector!.MatchLabels.Should().Equal(pod.Workload.SelectorLabels, "the selector is the workload's, without the volatile labels controllers add");
        }
    }

    [Fact]
    public async Task Services_resolve_to_their_target_ports_including_the_named_one()
    {
        var services = new ServiceIndex(await ReadBackAsync());

        var catalog = services.Find("shop", "productcatalog")!;
        catalog.Spec.Ports![0].TargetPort!.Value.Name.Should().Be("grpc", "the Service names its target port");
        services.TargetPort(catalog, 3550, "TCP").Should().Be(8550);
        services.TargetPort(services.Find("shop", "checkout")!, 5050, "TCP").Should().Be(8085);
        services.TargetPort(services.Find("frontend", "frontend")!, 80, "TCP").Should().Be(8080);
        services.BackendPods(services.Find("frontend", "frontend")!).Should().HaveCount(2);
        services.ByClusterIp(ClusterIP(Topology.Services[0]))!.Metadata.Name.Should().Be(Topology.Services[0].Name);
    }

    [Fact]
    public async Task The_payment_provider_is_not_in_the_inventory()
    {
        var index = await ReadBackAsync();

        index.PodByIp(Topology.External.Address).Should().BeNull();
        index.Inventory.Namespaces.Select(n => n.Metadata.Name).Should().Equal("frontend", "kube-system", "payments", "shop");
    }

    [Fact]
    public async Task The_cluster_DNS_is_labelled_as_kube_dns_so_the_DNS_egress_rule_selects_it()
    {
        var index = await ReadBackAsync();

        var dns = new ServiceIndex(index).Find("kube-system", "kube-dns")!;
        dns.Spec.Selector.Should().Equal(new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });
        index.PodsIn("kube-system").Should().ContainSingle().Which.Metadata.Labels.Should().Contain("k8s-app", "kube-dns");
    }

    private static List<DeployedPod> Pods() => Topology.Workloads
        .SelectMany(w => Enumerable.Range(0, w.Replicas).Select(i => (Workload: w, Ordinal: i)))
        .Select((p, i) => new DeployedPod(p.Workload, PodNames.PodName(p.Workload, p.Ordinal), Guid.NewGuid().ToString(),
            IPAddress.Parse($"10.213.7.{i + 2}"), IPAddress.Parse($"fd00:213:7::{i + 2:x}"), new string('a', 64)))
        .ToList();

    private static IPAddress ClusterIP(DemoService service) => IPAddress.Parse($"10.214.7.{Topology.Services.ToList().IndexOf(service) + 10}");

    private static async Task<InventoryIndex> ReadBackAsync()
    {
        var inventory = DemoInventory.Build(Topology, Deployed, ClusterIP, IPAddress.Parse("10.213.7.1"));
        var path = Path.Combine(Path.GetTempPath(), $"demo-inventory-{Guid.NewGuid():N}.json");
        try
        {
            await InventoryFile.WriteAsync(path, inventory, CancellationToken.None);
            var read = await new InventoryReader(new KubernetesDocumentReader()).ReadAsync([path], CancellationToken.None);
            read.Ignored.Should().BeEmpty();
            return new InventoryIndex(read.Inventory);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
