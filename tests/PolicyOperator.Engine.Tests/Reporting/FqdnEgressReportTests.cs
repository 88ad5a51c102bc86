using FluentAssertions;
using PolicyOperator.Engine.Reporting;
using PolicyOperator.Engine.Reporting.Export;
using Xunit;

namespace PolicyOperator.Engine.Tests.Reporting;

public sealed class FqdnEgressReportTests
{
    private readonly IReadOnlyList<FqdnEgressSuggestion> _suggestions = FqdnEgressReport.Build(Topology.Input());

    [Fact]
    public void Names_actually_connected_to_are_grouped_by_port_and_unnamed_endpoints_listed_as_cidrs()
    {
        var web = _suggestions.Should().ContainSingle(s => s.Workload.Name == "web").Subject;

        web.Rules.Should().ContainSingle().Which.Should().BeEquivalentTo(new FqdnRule(["api.github.com", "s3.amazonaws.com"], [new PortProtocol("TCP", 443)]));
        web.UnnamedCidrs.Should().BeEquivalentTo([new CidrRule("198.51.100.7/32", [new PortProtocol("TCP", 30080)])]);
        web.Rules.SelectMany(r => r.Names).Should().NotContain("nosuch.example.com", "a name only asked for is not used");
    }

    [Fact]
    public void Allow_list_has_a_line_per_name_and_cidr_under_each_workload()
    {
        var text = AllowListWriter.Write([.. _suggestions.Where(s => s.Workload.Name is "web" or "cart")]);

        text.Should().Be(
            "# east:shop/cart\n" +
            "shop.example.com 443/TCP\n" +
            "# east:shop/web\n" +
            "api.github.com 443/TCP\n" +
            "s3.amazonaws.com 443/TCP\n" +
            "198.51.100.7/32 30080/TCP\n");
    }

    [Fact]
    public void Cilium_policy_selects_the_workload_allows_dns_and_its_fqdns()
    {
        var policy = CiliumFqdnPolicies.Build([.. _suggestions.Where(s => s.Workload.Name == "web")]).Policies.Should().ContainSingle().Subject;

        policy["kind"]!.GetValue<string>().Should().Be("CiliumNetworkPolicy");
        policy["metadata"]!["namespace"]!.GetValue<string>().Should().Be("shop");
        var spec = policy["spec"]!;
        spec["endpointSelector"]!["matchLabels"]!["app"]!.GetValue<string>().Should().Be("web");
        var egress = spec["egress"]!.AsArray();
        egress.Should().HaveCount(3);
        egress[0]!["toPorts"]![0]!["rules"]!["dns"]![0]!["matchPattern"]!.GetValue<string>().Should().Be("*");
        egress[1]!["toFQDNs"]!.AsArray().Select(n => n!["matchName"]!.GetValue<string>()).Should().Equal("api.github.com", "s3.amazonaws.com");
        egress[1]!["toPorts"]![0]!["ports"]![0]!["port"]!.GetValue<string>().Should().Be("443");
        egress[2]!["toCIDR"]![0]!.GetValue<string>().Should().Be("198.51.100.7/32");
    }

    [Fact]
    public void Workload_without_a_selector_gets_no_policy_that_would_select_every_pod()
    {
        var cilium = CiliumFqdnPolicies.Build([_suggestions[0] with { Selector = null }]);

        cilium.Policies.Should().BeEmpty();
        cilium.Skipped.Should().ContainSingle().Which.Should().Contain("no pod selector");
    }
}
