using FluentAssertions;
using PolicyOperator.Engine.Reporting;
using PolicyOperator.Engine.Reporting.Export;
using Xunit;
using YamlDotNet.RepresentationModel;

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
        var yaml = CiliumFqdnPolicyWriter.Write([.. _suggestions.Where(s => s.Workload.Name == "web")]);

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var policy = (YamlMappingNode)stream.Documents.Single().RootNode;
        policy["kind"].ToString().Should().Be("CiliumNetworkPolicy");
        policy["metadata"]["namespace"].ToString().Should().Be("shop");
        var spec = policy["spec"];
        spec["endpointSelector"]["matchLabels"]["app"].ToString().Should().Be("web");
        var egress = (YamlSequenceNode)spec["egress"];
        egress.Children.Should().HaveCount(3);
        egress[0]["toPorts"][0]["rules"]["dns"][0]["matchPattern"].ToString().Should().Be("*");
        ((YamlSequenceNode)egress[1]["toFQDNs"]).Select(n => n["matchName"].ToString()).Should().Equal("api.github.com", "s3.amazonaws.com");
        egress[1]["toPorts"][0]["ports"][0]["port"].ToString().Should().Be("443");
        egress[2]["toCIDR"][0].ToString().Should().Be("198.51.100.7/32");
    }

    [Fact]
    public void Workload_without_a_selector_gets_no_policy_that_would_select_every_pod()
    {
        var yaml = CiliumFqdnPolicyWriter.Write([_suggestions[0] with { Selector = null }]);

        yaml.Should().StartWith("# ").And.Contain("no pod selector").And.NotContain("endpointSelector");
    }
}
