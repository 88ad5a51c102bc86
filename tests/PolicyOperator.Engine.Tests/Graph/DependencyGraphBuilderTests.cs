using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Graph;
using Xunit;

namespace PolicyOperator.Engine.Tests.Graph;

public sealed class DependencyGraphBuilderTests
{
    [Fact]
    public void Connection_seen_from_both_ends_becomes_one_edge_to_the_service_backend()
    {
        var graph = DependencyGraphBuilder.FromTraffic(ShopTopology.Traffic());

        graph.Edges.Where(e => e.To == "shop/cartservice[Deployment]").Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new GraphEdge("shop/frontend[Deployment]", "shop/cartservice[Deployment]", ["TCP 7070"], CrossNamespace: false, Denied: false));
    }

    [Fact]
    public void Nodes_are_grouped_by_namespace_with_external_peers_labelled_by_dns_name()
    {
        var graph = DependencyGraphBuilder.FromTraffic(ShopTopology.Traffic());

        graph.Groups.Should().Equal("payments", "shop", "External");
        graph.Nodes.Should().ContainSingle(n => n.Kind == GraphNodeKind.External)
            .Which.Should().Be(new GraphNode("external:203.0.113.7/32", "api.stripe.com", "External", GraphNodeKind.External));
        graph.Nodes.Count(n => n.Kind == GraphNodeKind.Workload).Should().Be(4);
    }

    [Fact]
    public void Only_edges_between_namespaces_are_marked_cross_namespace()
    {
        var graph = DependencyGraphBuilder.FromTraffic(ShopTopology.Traffic());

        graph.Edges.Where(e => e.CrossNamespace).Select(e => (e.From, e.To))
            .Should().Equal(("shop/checkout[Deployment]", "payments/payment[Deployment]"));
    }

    [Fact]
    public void Ports_are_sorted_by_protocol_then_number()
    {
        var web = ShopTopology.Workload("shop", "web");
        var graph = DependencyGraphBuilder.FromTraffic(
        [
            ShopTopology.Observed(web,
            [
                ShopTopology.Entry(ShopTopology.WorkloadPeer("shop", "db"), 10000),
                ShopTopology.Entry(ShopTopology.WorkloadPeer("shop", "db"), 443),
                ShopTopology.Entry(ShopTopology.WorkloadPeer("shop", "db"), 53, "UDP"),
            ]),
        ]);

        graph.Edges.Single().Ports.Should().Equal("TCP 443", "TCP 10000", "UDP 53");
    }

    [Fact]
    public void External_cidr_reached_by_several_names_shows_all_of_them()
    {
        ExternalPeer Ext(string name) => new() { Cidr = "198.51.100.9/32", DnsNames = [name] };
        var graph = DependencyGraphBuilder.FromTraffic(
        [
            ShopTopology.Observed(ShopTopology.Workload("a", "x"), [ShopTopology.Entry(new TrafficPeer { Type = PeerType.External, External = Ext("s3.example.com") }, 443)]),
            ShopTopology.Observed(ShopTopology.Workload("b", "y"), [ShopTopology.Entry(new TrafficPeer { Type = PeerType.External, External = Ext("cdn.example.com") }, 443)]),
        ]);

        graph.Nodes.Single(n => n.Kind == GraphNodeKind.External).Label.Should().Be("cdn.example.com, s3.example.com");
    }

    [Fact]
    public void Input_order_does_not_change_the_graph()
    {
        var forward = DependencyGraphBuilder.FromTraffic(ShopTopology.Traffic());
        var backward = DependencyGraphBuilder.FromTraffic(ShopTopology.Traffic().Reverse());

        DotGraphRenderer.Render(backward).Should().Be(DotGraphRenderer.Render(forward));
        MermaidGraphRenderer.Render(backward).Should().Be(MermaidGraphRenderer.Render(forward));
    }

    [Fact]
    public void Denied_flows_from_a_verification_are_marked_on_their_edges()
    {
        var graph = DependencyGraphBuilder.FromTraffic(ShopTopology.Traffic())
            .WithDenied([("shop/checkout[Deployment]", "external:203.0.113.7/32")]);

        graph.Edges.Where(e => e.Denied).Select(e => e.To).Should().Equal("external:203.0.113.7/32");
    }

    [Fact]
    public void Many_ports_of_one_protocol_are_labelled_as_a_range_with_a_count()
    {
        var edge = new GraphEdge("a", "b", ["TCP 443", "UDP 32768", "UDP 40000", "UDP 41000", "UDP 50000", "UDP 60999"], CrossNamespace: false, Denied: false);

        edge.Label.Should().Be("TCP 443, UDP 32768-60999 (5 ports)");
        (edge with { Ports = ["TCP 443", "UDP 53"] }).Label.Should().Be("TCP 443, UDP 53");
    }
}
