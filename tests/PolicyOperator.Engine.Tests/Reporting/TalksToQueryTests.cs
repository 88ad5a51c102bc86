using FluentAssertions;
using PolicyOperator.Engine.Reporting;
using Xunit;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class TalksToQueryTests
{
    private static readonly ReportOptions Options = new();

    [Theory]
    [InlineData("s3.amazonaws.com", TargetKind.DnsName, "s3.amazonaws.com", null)]
    [InlineData("S3.AmazonAWS.com.", TargetKind.DnsName, "s3.amazonaws.com", null)]
    [InlineData("*.amazonaws.com", TargetKind.DnsWildcard, "*.amazonaws.com", null)]
    [InlineData("52.216.0.0/15", TargetKind.Cidr, "52.216.0.0/15", null)]
    [InlineData("52.216.10.5", TargetKind.Cidr, "52.216.10.5/32", null)]
    [InlineData("2001:db8::1/64", TargetKind.Cidr, "2001:db8::/64", null)]
    [InlineData("shop/cart", TargetKind.Workload, "cart", "shop")]
    [InlineData("shop/*", TargetKind.Workload, "*", "shop")]
    [InlineData("kubernetes.default.svc", TargetKind.ApiServer, "default/kubernetes", null)]
    [InlineData("kubernetes.default.svc.cluster.local.", TargetKind.ApiServer, "default/kubernetes", null)]
    public void Target_forms_are_recognised(string text, TargetKind kind, string value, string? ns)
    {
        var target = TrafficTarget.Parse(text, Options);

        (target.Kind, target.Value, target.Namespace).Should().Be((kind, value, ns));
    }

    [Theory]
    [InlineData("", "expected a DNS name")]
    [InlineData("shop/cart/x", "namespace/workload")]
    [InlineData("/cart", "namespace/workload")]
    [InlineData("s3.*.com", "leading '*.'")]
    [InlineData("10.0.0.1/40", "namespace/workload")]
    public void Bad_target_is_an_error_saying_what_is_accepted(string text, string message)
    {
        var act = () => TrafficTarget.Parse(text, Options);

        act.Should().Throw<FormatException>().WithMessage($"*'{text}'*{message}*");
    }

    [Theory]
    [InlineData("s3.amazonaws.com")]
    [InlineData("*.amazonaws.com")]
    [InlineData("52.216.0.0/15")]
    public void Who_talks_to_an_outside_name_wildcard_or_cidr(string target)
    {
        var result = Run(target, QueryDirection.To);

        result.Connections.Should().ContainSingle().Which.Source.ToString().Should().Be("east:shop/web");
        result.Connections[0].Connections.Should().Be(4);
    }

    [Fact]
    public void Who_asked_dns_for_a_name_is_listed_with_the_answers()
    {
        var result = Run("*.amazonaws.com", QueryDirection.To);

        result.Questions.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Name = "s3.amazonaws.com",
            Queries = 12L,
            Answers = new[] { "52.216.10.5" },
        });
    }

    [Fact]
    public void Api_server_is_matched_by_its_service_and_by_its_endpoint_address()
    {
        var result = Run("kubernetes.default.svc", QueryDirection.To);

        result.Connections.Select(c => (c.Source.ToString(), c.Port, c.Connections)).Should().Equal(
            ("east:ops/agent", 6443, 7L),
            ("east:shop/web", 6443, 2L));
    }

    [Fact]
    public void Who_talks_to_a_workload_includes_clients_through_its_service()
    {
        var result = Run("shop/cart", QueryDirection.To);

        result.Connections.Should().ContainSingle().Which.Source.Name.Should().Be("web");
    }

    [Fact]
    public void What_a_workload_talks_to_is_the_reverse()
    {
        var result = Run("shop/cart", QueryDirection.From);

        result.Connections.Select(c => c.Destination.ToString()).Should().Equal("203.0.113.10/32 (shop.example.com)", "east:payments/pay");
        result.Questions.Should().BeEmpty();
    }

    [Fact]
    public void Whole_namespace_target_matches_every_workload_in_it()
    {
        Run("shop/*", QueryDirection.From).Connections.Select(c => c.Source.Name).Distinct().Should().BeEquivalentTo("web", "cart");
    }

    private static TalksToResult Run(string target, QueryDirection direction) =>
        TalksToQuery.Run(Topology.Input(), TrafficTarget.Parse(target, Options), direction);
}
