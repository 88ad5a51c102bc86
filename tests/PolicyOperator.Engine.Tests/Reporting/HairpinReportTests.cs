using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Reporting;
using Xunit;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class HairpinReportTests
{
    [Fact]
    public void Workloads_reaching_their_own_clusters_load_balancer_or_node_external_ip_are_hairpins()
    {
        var rows = HairpinReport.Build(Topology.Input());

        rows.Select(r => (r.Source.ToString(), r.Target, r.Reason, r.Suggestion)).Should().Equal(
            ("east:shop/cart", "service shop/web", "load balancer IP 203.0.113.10", "web.shop.svc.cluster.local"),
            ("east:shop/web", "node n1", "node ExternalIP 198.51.100.7", null));
    }

    [Fact]
    public void Load_balancer_host_name_among_the_names_is_a_hairpin()
    {
        var inventory = Topology.Inventory with
        {
            Services =
            [
                new Service
                {
                    Metadata = new ObjectMeta { Name = "web", Namespace = "shop" },
                    Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Hostname = "SHOP.example.com" }] } },
                },
            ],
            Nodes = [],
        };

        var rows = HairpinReport.Build(new ReportInput(Topology.Traffic, new InventoryIndex(inventory)));

        rows.Should().ContainSingle().Which.Reason.Should().Be("load balancer host name shop.example.com");
    }

    [Fact]
    public void Without_inventory_or_own_addresses_nothing_is_a_hairpin()
    {
        HairpinReport.Build(new ReportInput([.. Topology.Traffic.Where(t => t.Spec.Cluster == "east")])).Should().BeEmpty();
    }
}
