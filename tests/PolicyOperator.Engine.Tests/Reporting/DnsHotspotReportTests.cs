using FluentAssertions;
using PolicyOperator.Engine.Reporting;
using Xunit;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class DnsHotspotReportTests
{
    private readonly DnsHotspots _report = DnsHotspotReport.Build(Topology.Input());

    [Fact]
    public void Workloads_are_ranked_by_queries_and_every_level_adds_up_to_the_total()
    {
        _report.TotalQueries.Should().Be(47 + 8);
        _report.Sources.Where(s => s.Source.Level == SourceLevel.Workload).Select(s => (s.Source.ToString(), s.Queries))
            .Should().Equal(("east:shop/web", 47L), ("east:shop/cart", 8L));
        foreach (var level in Enum.GetValues<SourceLevel>())
        {
            _report.Sources.Where(s => s.Source.Level == level).Sum(s => s.Queries).Should().Be(_report.TotalQueries, $"level {level}");
        }
    }

    [Fact]
    public void Pods_containers_and_processes_get_their_counted_share_and_the_rest_is_unattributed()
    {
        Queries(SourceLevel.Pod, "shop", "web").Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["web-1"] = 20 + 12 + 3,
            ["web-2"] = 5,
            [TrafficSource.Unattributed] = 5 + 2,
        });
        Queries(SourceLevel.Container, "shop", "web").Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["nginx"] = 20,
            ["app"] = 15,
            ["sidecar"] = 5,
            [TrafficSource.Unattributed] = 7,
        });
        Queries(SourceLevel.Process, "shop", "web").Should().ContainKey("aws").WhoseValue.Should().Be(15);
    }

    [Fact]
    public void Most_queried_names_come_first_with_their_sources()
    {
        var top = _report.Names[0];
        top.Name.Should().Be("cart.shop.svc.cluster.local");
        top.Scope.Should().Be(NameScope.Internal);
        top.BySource.Should().ContainSingle().Which.Source.ToString().Should().Be("east:shop/web");
        _report.Names.Select(n => n.Name).Should().ContainInOrder("cart.shop.svc.cluster.local", "s3.amazonaws.com", "shop.example.com");
        _report.Names.Single(n => n.Name == "s3.amazonaws.com").Scope.Should().Be(NameScope.External);
    }

    [Fact]
    public void Failed_lookups_are_listed_by_source_name_and_rcode()
    {
        _report.Failures.Select(f => (f.Source.ToString(), f.Name, f.Rcode, f.Count)).Should().Equal(
            ("east:shop/web", "nosuch.example.com", "NXDOMAIN", 3L),
            ("east:shop/cart", "shop.example.com", "SERVFAIL", 1L));
        _report.TotalFailures.Should().Be(4);
        _report.Sources.Single(s => s.Source.Level == SourceLevel.Process && s.Source.Process == "aws").Failures
            .Should().Be(3, "the failing record had one process");
    }

    private Dictionary<string, long> Queries(SourceLevel level, string ns, string workload) =>
        _report.Sources
            .Where(s => s.Source.Level == level && s.Source.Namespace == ns && s.Source.Workload == workload)
            .ToDictionary(
                s => level switch { SourceLevel.Pod => s.Source.Pod!, SourceLevel.Container => s.Source.Container!, _ => s.Source.Process! },
                s => s.Queries);
}
