using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Reporting;
using Xunit;
using static PolicyOperator.Engine.Tests.Reporting.Topology;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class CrossClusterReportTests
{
    [Fact]
    public void Address_local_to_another_clusters_workload_makes_a_cross_cluster_flow_counted_once()
    {
        var report = CrossClusterReport.Build(Input());

        report.Clusters.Should().Equal("east", "west");
        var flow = report.Flows.Should().ContainSingle().Subject;
        (flow.Source.ToString(), flow.Destination.ToString(), flow.Port, flow.Connections).Should().Be(("west:analytics/reader", "east:db/postgres", 5432, 8L));
        flow.Evidence.Should().Equal("address 10.20.0.7 is local to east:db/postgres", "address 10.30.0.4 is local to west:analytics/reader");
    }

    [Fact]
    public void Peer_workload_labelled_with_another_cluster_is_cross_cluster()
    {
        var meshed = Record("east", "n1", Web, egress: [Entry(new TrafficPeer { Type = PeerType.Workload, Workload = Workload("search", "api", cluster: "west") }, 9200, 3)]);

        var report = CrossClusterReport.Build(new ReportInput([meshed]));

        report.Flows.Should().ContainSingle().Which.Destination.ToString().Should().Be("west:search/api");
    }

    [Fact]
    public void Single_cluster_has_no_cross_cluster_flows()
    {
        var report = CrossClusterReport.Build(new ReportInput([.. Traffic.Where(t => t.Spec.Cluster == "east")]));

        report.Flows.Should().BeEmpty();
        report.Clusters.Should().Equal("east");
    }
}
