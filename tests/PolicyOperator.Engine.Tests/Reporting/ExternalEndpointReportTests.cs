using FluentAssertions;
using PolicyOperator.Engine.Reporting;
using Xunit;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class ExternalEndpointReportTests
{
    [Fact]
    public void Each_workload_lists_the_outside_endpoints_it_reached_by_cidr_and_name()
    {
        var rows = ExternalEndpointReport.Build(Topology.Input());

        var web = rows.Should().ContainSingle(r => r.Source.Name == "web").Subject;
        web.Endpoints.Select(e => (e.Cidr, string.Join(",", e.DnsNames), string.Join(",", e.Ports), e.Connections)).Should().Equal(
            ("52.216.10.5/32", "s3.amazonaws.com", "443/TCP", 4L),
            ("140.82.112.3/32", "api.github.com", "443/TCP", 2L),
            ("198.51.100.7/32", string.Empty, "30080/TCP", 1L));
        rows.Select(r => r.Source.ToString()).Should().Equal("west:analytics/reader", "east:ops/agent", "east:shop/web", "east:shop/cart");
    }

    [Fact]
    public void Service_peers_are_not_outside_endpoints()
    {
        var rows = ExternalEndpointReport.Build(Topology.Input());

        var web = rows.Single(r => r.Source.Name == "web");

        web.Endpoints.Should().NotContain(e => e.Ports.Contains("6443/TCP"), "the API server was reached as a Service");
        web.Endpoints.Should().NotContain(e => e.Ports.Contains("8080/TCP"), "cart was reached as a Service");
    }
}
