using System.Net;
using FluentAssertions;
using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Batch;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Engine.Inventory;
using Xunit;

namespace PolicyOperator.Engine.Tests.Inventory;

public sealed class InventoryIndexTests
{
    private static Pod PodOf(string name, IReadOnlyDictionary<string, string> labels, OwnerReference? owner = null, string ip = "10.0.0.5") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "shop", Labels = labels, OwnerReferences = owner is null ? null : [owner] },
        Status = new PodStatus { PodIP = ip },
    };

    private static OwnerReference Owner(string kind, string name) => new() { ApiVersion = "apps/v1", Kind = kind, Name = name, Uid = "u", Controller = true };

    [Fact]
    public void Deployment_pod_resolves_to_the_deployment_selector_without_the_template_hash()
    {
        var inventory = new ClusterInventory
        {
            Deployments = [new Deployment { Metadata = new() { Name = "web", Namespace = "shop" }, Spec = new() { Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } } }],
            ReplicaSets =
            [
                new ReplicaSet
                {
                    Metadata = new() { Name = "web-5d4f8", Namespace = "shop", OwnerReferences = [Owner("Deployment", "web")] },
                    Spec = new() { Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = "web", ["pod-template-hash"] = "5d4f8" } } },
                },
            ],
            Pods = [PodOf("web-5d4f8-abcde", new Dictionary<string, string> { ["app"] = "web", ["pod-template-hash"] = "5d4f8" }, Owner("ReplicaSet", "web-5d4f8"))],
        };

        var workload = new InventoryIndex(inventory).WorkloadOf(inventory.Pods[0]);

        workload.Should().Be(new ResolvedWorkload("Deployment", "web", "shop", workload.Selector));
        workload.Selector!.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app"] = "web" });
    }

    [Fact]
    public void CronJob_pod_resolves_to_the_cronjob_with_stable_pod_labels()
    {
        var inventory = new ClusterInventory
        {
            CronJobs = [new CronJob { Metadata = new() { Name = "report", Namespace = "shop" } }],
            Jobs =
            [
                new Job
                {
                    Metadata = new() { Name = "report-28912345", Namespace = "shop", OwnerReferences = [Owner("CronJob", "report")] },
                    Spec = new() { Selector = new() { MatchLabels = new Dictionary<string, string> { ["controller-uid"] = "1234" } } },
                },
            ],
            Pods =
            [
                PodOf("report-28912345-x1", new Dictionary<string, string>
                {
                    ["app"] = "report", ["job-name"] = "report-28912345", ["controller-uid"] = "1234", ["batch.kubernetes.io/job-name"] = "report-28912345",
                }, Owner("Job", "report-28912345")),
            ],
        };

        var workload = new InventoryIndex(inventory).WorkloadOf(inventory.Pods[0]);

        workload.ToString().Should().Be("shop/report[CronJob]");
        workload.Selector!.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app"] = "report" });
    }

    [Fact]
    public void Replicaset_owner_missing_from_the_inventory_is_inferred_to_belong_to_a_deployment()
    {
        var pod = PodOf("api-7c9d-xyz", new Dictionary<string, string> { ["app"] = "api", ["pod-template-hash"] = "7c9d" }, Owner("ReplicaSet", "api-7c9d"));

        var workload = new InventoryIndex(new ClusterInventory { Pods = [pod] }).WorkloadOf(pod);

        workload.ToString().Should().Be("shop/api[Deployment]");
        workload.Selector!.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app"] = "api" });
    }

    [Fact]
    public void Pod_with_only_volatile_labels_has_no_selector_rather_than_an_empty_one()
    {
        var pod = PodOf("lonely", new Dictionary<string, string> { ["pod-template-hash"] = "1", ["app.kubernetes.io/version"] = "2" });

        new InventoryIndex(new ClusterInventory { Pods = [pod] }).WorkloadOf(pod).Selector.Should().BeNull();
    }

    [Fact]
    public void Pods_are_found_by_ip_but_host_network_pods_are_not()
    {
        var regular = PodOf("a", new Dictionary<string, string> { ["app"] = "a" }, ip: "10.0.0.7");
        var host = PodOf("h", new Dictionary<string, string> { ["app"] = "h" }, ip: "192.0.2.1") with { Spec = new PodSpec { HostNetwork = true } };
        var index = new InventoryIndex(new ClusterInventory { Pods = [regular, host] });

        index.PodByIp(IPAddress.Parse("10.0.0.7")).Should().BeSameAs(regular);
        index.PodByIp(IPAddress.Parse("192.0.2.1")).Should().BeNull();
    }

    [Fact]
    public void Namespace_missing_from_the_inventory_still_has_its_name_label()
    {
        new InventoryIndex(ClusterInventory.Empty).NamespaceLabels("payments")
            .Should().Equal(new Dictionary<string, string> { [Namespace.NameLabel] = "payments" });
    }
}
