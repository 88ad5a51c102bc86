using FluentAssertions;
using PolicyOperator.Engine.Reporting;
using Xunit;
using static PolicyOperator.Engine.Tests.Reporting.Topology;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class TrafficEdgesTests
{
    [Fact]
    public void Connection_seen_by_client_and_server_counts_once_and_records_per_node_add_up()
    {
        var edges = TrafficEdges.From(Traffic);

        // web's two node records say 6 + 4 to cart via its Service; cart's ingress record says 10.
        var webToCart = edges.Should().ContainSingle(e => e.Source.Name == "web" && e.Destination.Name == "cart").Subject;
        webToCart.Connections.Should().Be(10);
        webToCart.Destination.Service.Should().Be("shop/cart");
        webToCart.Processes.Should().Equal("nginx");
    }

    [Fact]
    public void External_peer_is_named_by_the_workloads_dns_answers_inside_its_cidr()
    {
        var edges = TrafficEdges.From(Traffic);

        edges.Should().ContainSingle(e => e.Destination.Addresses.Contains("140.82.112.3/32"))
            .Which.Destination.DnsNames.Should().Equal("api.github.com");
        edges.Should().ContainSingle(e => e.Destination.Addresses.Contains("52.216.10.5/32"))
            .Which.Destination.DnsNames.Should().Equal("s3.amazonaws.com");
    }

    [Fact]
    public void Peer_without_its_field_is_an_error_naming_the_type()
    {
        var bad = Record("east", "n1", Web, egress: [Entry(new Api.V1Alpha1.TrafficPeer { Type = Api.V1Alpha1.PeerType.External }, 443, 1)]);

        var act = () => TrafficEdges.From([bad]);

        act.Should().Throw<ArgumentException>().WithMessage("*External*external*");
    }

    [Fact]
    public void Records_whose_lists_a_deserializer_left_null_are_read_as_empty()
    {
        var sparse = Record("east", "n1", Web, egress: [Entry(External("52.216.10.5/32"), 443, 1) with { Processes = null!, Samples = null! }]);
        sparse = sparse with { Spec = sparse.Spec with { Ingress = null!, DnsQueries = null! } };

        var input = new ReportInput([sparse]);

        input.Edges.Should().ContainSingle().Which.Connections.Should().Be(1);
        DnsHotspotReport.Build(input).TotalQueries.Should().Be(0);
    }
}
