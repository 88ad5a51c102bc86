using FluentAssertions;
using PolicyOperator.Engine.Reporting;
using PolicyOperator.Engine.Reporting.Metrics;
using Xunit;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class ReportMetricsTests
{
    [Fact]
    public void Queries_and_external_endpoints_per_workload_are_written_in_prometheus_text_format()
    {
        var input = Topology.Input();
        var families = ReportMetrics.From(DnsHotspotReport.Build(input), ExternalEndpointReport.Build(input));

        var text = PrometheusTextWriter.Write(families);

        text.Should().Contain(
            "# TYPE policyoperator_dns_queries_total counter\n" +
            "policyoperator_dns_queries_total{cluster=\"east\",namespace=\"shop\",workload=\"cart\"} 8\n" +
            "policyoperator_dns_queries_total{cluster=\"east\",namespace=\"shop\",workload=\"web\"} 47\n");
        text.Should().Contain("policyoperator_dns_query_failures_total{cluster=\"east\",namespace=\"shop\",workload=\"web\",rcode=\"NXDOMAIN\"} 3\n");
        text.Should().Contain("policyoperator_external_endpoints{cluster=\"east\",namespace=\"shop\",workload=\"web\"} 3\n");
        text.Should().Contain("policyoperator_external_connections_total{cluster=\"west\",namespace=\"analytics\",workload=\"reader\"} 8\n");
        text.Should().NotContain(ReportMetrics.DnsNameQueries, "per-name samples are opt-in");
    }

    [Fact]
    public void Per_name_samples_are_written_when_asked_for()
    {
        var input = Topology.Input();
        var text = PrometheusTextWriter.Write(ReportMetrics.From(DnsHotspotReport.Build(input), [], includeNames: true));

        text.Should().Contain("policyoperator_dns_name_queries_total{cluster=\"east\",namespace=\"shop\",workload=\"web\",name=\"s3.amazonaws.com\",scope=\"external\"} 12\n");
    }

    [Fact]
    public void Label_values_are_escaped()
    {
        var family = new MetricFamily("m", "gauge", "h", [new MetricSample([new("l", "a\"b\\c\nd")], 1.5)]);

        PrometheusTextWriter.Write([family]).Should().Be("# HELP m h\n# TYPE m gauge\nm{l=\"a\\\"b\\\\c\\nd\"} 1.5\n");
    }
}
