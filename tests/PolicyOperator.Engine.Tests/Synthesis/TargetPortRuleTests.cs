using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;
using Xunit;
using static PolicyOperator.Engine.Tests.Synthesis.Traffic;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Design rule 1: ports are what the CNI enforces (target port after DNAT), optionally the Service port too.</summary>
public sealed class TargetPortRuleTests
{
    private static readonly ServicePeer Cart = new() { Name = "cart", Namespace = "shop", Selector = new Dictionary<string, string> { ["app"] = "cart" } };

    [Theory]
    [InlineData(false, 7070, 80, new[] { "TCP/7070" })]
    [InlineData(true, 7070, 80, new[] { "TCP/80", "TCP/7070" })]
    [InlineData(true, 7070, 7070, new[] { "TCP/7070" })]
    [InlineData(true, 7070, null, new[] { "TCP/7070" })]
    public void Egress_to_a_service_allows_the_target_port_and_the_service_port_only_in_compat_mode(bool compat, int target, int? servicePort, string[] expected)
    {
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToService(Cart), target, servicePort: servicePort)]);

        var policy = Synth.Run([traffic], options: new SynthesisOptions { IncludeServicePorts = compat }).Policies.Should1().Policy;

        Synth.NonDnsEgress(policy).Should().ContainSingle()
            .Which.Ports!.Select(p => $"{p.Protocol}/{p.Port}").Should().Equal(expected);
    }

    [Theory]
    [InlineData(9090, "TCP/9090")]
    [InlineData(7070, "TCP/7070")]
    public void Egress_to_a_service_follows_the_inventorys_current_target_port_for_the_recorded_service_port(int currentTarget, string expected)
    {
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToService(Cart), 7070, servicePort: 80)]);
        var inventory = new ClusterInventory
        {
            Services =
            [
                new Service
                {
                    Metadata = new ObjectMeta { Name = "cart", Namespace = "shop" },
                    Spec = new ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "cart" }, Ports = [new ServicePort { Port = 80, TargetPort = currentTarget }] },
                },
            ],
        };

        var policy = Synth.Run([traffic], inventory).Policies.Should1().Policy;

        Synth.NonDnsEgress(policy).Should().ContainSingle()
            .Which.Ports!.Select(p => $"{p.Protocol}/{p.Port}").Should().Equal(expected);
    }

    [Fact]
    public void Egress_to_a_service_missing_from_the_inventory_keeps_the_recorded_target_port()
    {
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToService(Cart), 7070, servicePort: 80)]);

        var policy = Synth.Run([traffic], new ClusterInventory()).Policies.Should1().Policy;

        Synth.NonDnsEgress(policy).Should().ContainSingle().Which.Ports!.Select(p => $"{p.Protocol}/{p.Port}").Should().Equal("TCP/7070");
    }

    [Fact]
    public void Ports_of_one_peer_are_merged_and_sorted_by_protocol_then_number()
    {
        var traffic = Observed(Workload("shop", "web"), egress:
        [
            Entry(ToService(Cart), 9000), Entry(ToService(Cart), 80, "udp"), Entry(ToService(Cart), 443), Entry(ToService(Cart), 9000, minutes: 5),
        ]);

        var rule = Synth.NonDnsEgress(Synth.Single(traffic)).Should().ContainSingle().Subject;

        rule.Ports!.Select(p => $"{p.Protocol}/{p.Port}").Should().Equal("TCP/443", "TCP/9000", "UDP/80");
    }
}
