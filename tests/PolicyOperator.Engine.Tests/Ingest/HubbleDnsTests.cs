using FluentAssertions;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Engine.Tests.Ingest;

public sealed class HubbleDnsTests
{
    [Fact]
    public async Task Dns_questions_and_answers_of_l7_flows_become_the_askers_dns_queries_with_cluster_and_pod()
    {
        var file = RepositoryPaths.TestData("hubble-otel-flows", "basic-sample-400-udp-flows.json");

        var traffic = (await new TrafficReader().ReadAsync([file], CancellationToken.None)).Traffic;

        var productpage = traffic.Should().ContainSingle(t => t.Spec.Workload.Name == "productpage-v1").Subject.Spec;
        productpage.Cluster.Should().Be("kind-kind");
        productpage.DnsQueries.Select(q => (q.Name, q.QueryType, q.Queries, q.Responses["NOERROR"], string.Join(",", q.Answers))).Should().Equal(
            ("details.bookinfo.svc.cluster.local", "A", 12L, 12L, "10.245.111.254"),
            ("details.bookinfo.svc.cluster.local", "AAAA", 12L, 12L, string.Empty),
            ("reviews.bookinfo.svc.cluster.local", "A", 12L, 12L, "10.245.173.99"),
            ("reviews.bookinfo.svc.cluster.local", "AAAA", 12L, 12L, string.Empty));
        productpage.DnsQueries[0].Processes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Pod = "productpage-v1-6b746f74dc-9rcxx", Count = 12L });
    }
}
