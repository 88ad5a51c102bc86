using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Engine.Inventory;
using Xunit;
using static PolicyOperator.Engine.Tests.Synthesis.Traffic;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Design rule 6: host-network pods and node IPs handled explicitly; own-node ingress allowed; pod IPs never in ipBlocks.</summary>
public sealed class NodeAndHostNetworkRuleTests
{
    [Fact]
    public void Ingress_from_the_own_node_needs_no_rule_but_keeps_its_evidence()
    {
        var traffic = Observed(Workload("shop", "web"), ingress: [Entry(ToNode("node-a", isLocal: true, "192.168.1.10"), 8080, connections: 12, comm: "kubelet")]);

        var synthesized = Synth.Run([traffic]).Policies.Should1();

        synthesized.Policy.Spec.PolicyTypes.Should().Equal("Ingress");
        synthesized.Policy.Spec.Ingress.Should().BeNull();
        synthesized.Evidence.Should().ContainSingle().Which.Reason.Should().Contain("own node");
    }

    [Theory]
    [InlineData("192.168.1.11", "192.168.1.11/32")]
    [InlineData("fd00::11", "fd00::11/128")]
    public void Ingress_from_another_node_is_an_ipblock_of_its_address(string address, string cidr)
    {
        var traffic = Observed(Workload("shop", "web"), ingress: [Entry(ToNode("node-b", isLocal: false, address), 8080)]);

        Synth.Ingress(Synth.Single(traffic)).Should().Equal($"{cidr} TCP/8080");
    }

    [Fact]
    public void Node_addresses_come_from_the_inventory_when_the_peer_has_only_a_name()
    {
        var inventory = new ClusterInventory
        {
            Nodes = [new Node { Metadata = new() { Name = "node-b" }, Status = new NodeStatus { Addresses = [new NodeAddress { Type = "InternalIP", Address = "192.168.1.11" }, new NodeAddress { Type = "Hostname", Address = "node-b" }] } }],
        };
        var traffic = Observed(Workload("shop", "web"), ingress: [Entry(ToNode("node-b", isLocal: false), 10250)]);

        Synth.Ingress(Synth.Run([traffic], inventory).Policies.Should1().Policy).Should().Equal("192.168.1.11/32 TCP/10250");
    }

    [Fact]
    public void External_address_that_is_a_pod_ip_becomes_the_pods_workload()
    {
        var inventory = new ClusterInventory
        {
            Pods = [new Pod { Metadata = new() { Name = "db-0", Namespace = "data", Labels = new Dictionary<string, string> { ["app"] = "db", ["statefulset.kubernetes.io/pod-name"] = "db-0" } }, Status = new PodStatus { PodIP = "10.244.1.7" } }],
        };
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToExternal("10.244.1.7/32"), 5432)]);

        var egress = Synth.Egress(Synth.Run([traffic], inventory).Policies.Should1().Policy);

        egress.Should().Contain("ns[kubernetes.io/metadata.name=data] pods[app=db] TCP/5432").And.NotContain(e => e.StartsWith("10.244.1.7", StringComparison.Ordinal));
    }

    [Fact]
    public void Host_network_workload_gets_no_policy_and_a_finding()
    {
        var traffic = Observed(Workload("kube-system", "proxy", kind: "DaemonSet", hostNetwork: true), egress: [Entry(ToExternal("203.0.113.7"), 443)]);

        var result = Synth.Run([traffic]);

        result.Policies.Should().BeEmpty();
        result.Findings.Should().ContainSingle(f => f.Message.Contains("host-network", StringComparison.Ordinal));
    }

    [Fact]
    public void Host_network_peer_is_allowed_by_its_node_address_not_a_pod_selector()
    {
        var agent = Workload("monitoring", "agent", kind: "DaemonSet", hostNetwork: true);
        var inventory = new ClusterInventory
        {
            Pods = [new Pod { Metadata = new() { Name = "agent-x1", Namespace = "monitoring", Labels = new Dictionary<string, string> { ["app"] = "agent" }, OwnerReferences = [new() { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = "agent", Uid = "u", Controller = true }] }, Spec = new PodSpec { HostNetwork = true, NodeName = "node-b" }, Status = new PodStatus { HostIP = "192.168.1.11", PodIP = "192.168.1.11" } }],
        };

        var ingress = Synth.Ingress(Synth.Run([Observed(Workload("shop", "web"), ingress: [Entry(ToWorkload(agent), 9100)])], inventory).Policies.Should1().Policy);

        ingress.Should().Equal("192.168.1.11/32 TCP/9100");
    }
}
