using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Reporting;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Engine.Tests.Reporting;

/// <summary>The report questions over the real Hubble captures (figures counted independently from the files).</summary>
public sealed class HubbleSampleReportTests
{
    private static async Task<IReadOnlyList<ObservedTraffic>> Read(params string[] files) =>
        (await new TrafficReader().ReadAsync(files.Select(f => RepositoryPaths.TestData("hubble-otel-flows", f)), CancellationToken.None)).Traffic;

    [Fact]
    public async Task Dns_hotspots_of_the_gke_capture_rank_node_local_dns_pods_and_its_nxdomain_search_path_misses()
    {
        var report = DnsHotspotReport.Build(new ReportInput(await Read("basic-sample-330-dns-flows.json")));

        report.TotalQueries.Should().Be(165);
        report.TotalFailures.Should().Be(102);
        report.Sources.Should().ContainSingle(s => s.Source.Level == SourceLevel.Namespace)
            .Which.Should().BeEquivalentTo(new { Queries = 165L, Failures = 102L, Source = new { Cluster = "default", Namespace = "kube-system" } });

        // Without an inventory a DaemonSet's pods (name-xxxxx) cannot be told from bare pods: one workload each.
        report.Sources.Where(s => s.Source.Level == SourceLevel.Pod).Select(s => (s.Source.Pod, s.Queries)).Should().Equal(
            ("node-local-dns-88zrp", 64L), ("node-local-dns-6jnx9", 44L), ("node-local-dns-r99x7", 39L), ("node-local-dns-cw6pv", 18L));
        report.Names[0].Should().BeEquivalentTo(new { Name = "istio-telemetry.istio-system.svc.cluster.local", Queries = 20L });
        report.Failures.Should().OnlyContain(f => f.Rcode == "NXDOMAIN").And.Subject.Sum(f => f.Count).Should().Be(102);
        report.Failures[0].Count.Should().Be(10);
    }

    [Fact]
    public async Task Bookinfo_on_kind_asks_only_cluster_names()
    {
        var rows = NameScopeReport.Build(new ReportInput(await Read("basic-sample-400-udp-flows.json")));

        rows.Select(r => (r.Source.ToString(), r.InternalQueries, r.ExternalQueries)).Should().BeEquivalentTo(new[]
        {
            ("kind-kind:bookinfo/productpage-v1", 48L, 0L),
            ("kind-kind:bookinfo/ratings-v1", 26L, 0L),
        });
    }

    [Fact]
    public async Task Event_exporter_reaches_one_outside_address_and_is_found_by_it()
    {
        var input = new ReportInput(await Read("basic-sample-10-flows.json"));

        var external = ExternalEndpointReport.Build(input).Should().ContainSingle().Subject;
        external.Source.Name.Should().StartWith("event-exporter-gke");
        external.Endpoints.Should().ContainSingle().Which.Cidr.Should().Be("35.246.31.234/32");
        TalksToQuery.Run(input, TrafficTarget.Parse("35.246.0.0/16", input.Options), QueryDirection.To)
            .Connections.Should().ContainSingle().Which.Source.Name.Should().StartWith("event-exporter-gke");
        FqdnEgressReport.Build(input).Should().ContainSingle().Which.UnnamedCidrs.Should().ContainSingle(c => c.Cidr == "35.246.31.234/32");
    }

    [Fact]
    public async Task Bookinfo_dns_traffic_to_kube_system_is_cross_namespace_and_who_talks_to_kube_dns_answers_it()
    {
        var input = new ReportInput(await Read("basic-sample-400-udp-flows.json"));

        CrossNamespaceReport.Build(input).Should().Contain(f => f.Source.Namespace == "bookinfo" && f.Destination.Namespace == "kube-system" && f.Ports.Contains("53/UDP"));
        TalksToQuery.Run(input, TrafficTarget.Parse("kube-system/*", input.Options), QueryDirection.To)
            .Connections.Select(c => c.Source.Namespace).Distinct().Should().Equal("bookinfo");
    }

    [Fact]
    public async Task Two_captures_from_two_clusters_are_kept_apart_and_nothing_crosses()
    {
        var report = CrossClusterReport.Build(new ReportInput(await Read("basic-sample-330-dns-flows.json", "basic-sample-400-udp-flows.json")));

        report.Clusters.Should().Equal("default", "kind-kind");
        report.Flows.Should().BeEmpty("the captures share no address");
    }

    [Fact]
    public async Task Outside_address_that_is_the_clusters_own_load_balancer_is_a_hairpin()
    {
        var inventory = new ClusterInventory
        {
            Services =
            [
                new Service
                {
                    Metadata = new ObjectMeta { Name = "ingress", Namespace = "gateway" },
                    Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Ip = "35.246.31.234" }] } },
                },
            ],
        };

        var rows = HairpinReport.Build(new ReportInput(await Read("basic-sample-10-flows.json"), new InventoryIndex(inventory)));

        rows.Should().ContainSingle().Which.Target.Should().Be("service gateway/ingress");
    }
}
