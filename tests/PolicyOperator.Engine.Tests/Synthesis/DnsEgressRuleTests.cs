using FluentAssertions;
using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Core;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;
using Xunit;
using static PolicyOperator.Engine.Tests.Synthesis.Traffic;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Design rule 5: DNS egress always allowed when egress is restricted, with the resolver variants.</summary>
public sealed class DnsEgressRuleTests
{
    private const string KubeDns = "ns[kubernetes.io/metadata.name=kube-system] pods[k8s-app=kube-dns]";

    public static TheoryData<DnsOptions, string[]> Strategies => new()
    {
        { new DnsOptions { Strategy = DnsStrategy.KubeDns }, [$"{KubeDns} TCP/53,UDP/53"] },
        { new DnsOptions { Strategy = DnsStrategy.NodeLocalDnsCache }, [$"{KubeDns} TCP/53,UDP/53", "169.254.20.10/32 TCP/53,UDP/53"] },
        { new DnsOptions { Strategy = DnsStrategy.CloudDns }, ["169.254.169.254/32 TCP/53,UDP/53"] },
        { new DnsOptions { Strategy = DnsStrategy.OpenShift }, ["ns[kubernetes.io/metadata.name=openshift-dns] pods[dns.operator.openshift.io/daemonset-dns=default] TCP/5353,UDP/5353"] },
        {
            new DnsOptions { Strategy = DnsStrategy.Custom, Namespace = "dns", PodLabels = new Dictionary<string, string> { ["app"] = "unbound" }, Addresses = ["10.0.0.53"], Ports = [5353, 53] },
            ["ns[kubernetes.io/metadata.name=dns] pods[app=unbound] TCP/53,TCP/5353,UDP/53,UDP/5353", "10.0.0.53/32 TCP/53,TCP/5353,UDP/53,UDP/5353"]
        },
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Restricted_egress_always_allows_the_configured_resolver_on_udp_and_tcp(DnsOptions dns, string[] expected)
    {
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToExternal("203.0.113.7"), 443)]);

        var policy = Synth.Run([traffic], options: new SynthesisOptions { Dns = dns }).Policies.Should1().Policy;

        Synth.Egress(policy).Should().BeEquivalentTo(expected.Append("203.0.113.7/32 TCP/443"));
    }

    public static TheoryData<string, ClusterInventory, DnsStrategy> Detection => new()
    {
        { "plain cluster", ClusterInventory.Empty, DnsStrategy.KubeDns },
        { "openshift-dns namespace", new ClusterInventory { Namespaces = [new Namespace { Metadata = new() { Name = "openshift-dns" } }] }, DnsStrategy.OpenShift },
        { "node-local-dns DaemonSet", new ClusterInventory { DaemonSets = [new DaemonSet { Metadata = new() { Name = "node-local-dns", Namespace = "kube-system" } }] }, DnsStrategy.NodeLocalDnsCache },
        { "node-local-dns pods", new ClusterInventory { Pods = [new Pod { Metadata = new() { Name = "node-local-dns-x", Namespace = "kube-system", Labels = new Dictionary<string, string> { ["k8s-app"] = "node-local-dns" } } }] }, DnsStrategy.NodeLocalDnsCache },
    };

    [Theory]
    [MemberData(nameof(Detection))]
    public void Auto_detects_the_resolver_from_the_inventory(string because, ClusterInventory inventory, DnsStrategy expected)
    {
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToExternal("203.0.113.7"), 443)]);

        var result = Synth.Run([traffic], inventory);

        DnsEgress.Detect(inventory).Should().Be(expected, because);
        result.Policies.Should1().Evidence.Should().Contain(e => e.Reason != null && e.Reason.Contains($"({expected})", StringComparison.Ordinal), because);
    }

    [Fact]
    public void Observed_dns_to_kube_dns_merges_with_the_dns_rule_instead_of_repeating_it()
    {
        var coredns = Workload("kube-system", "coredns", selector: Labels(("k8s-app", "kube-dns")));
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToWorkload(coredns), 53, "UDP", connections: 40)]);

        var synthesized = Synth.Run([traffic], options: new SynthesisOptions { Dns = new DnsOptions { Strategy = DnsStrategy.KubeDns } }).Policies.Should1();

        Synth.Egress(synthesized.Policy).Should().Equal($"{KubeDns} TCP/53,UDP/53");
        synthesized.Evidence.Should().ContainSingle(e => e.Protocol == "UDP" && e.Port == 53).Which.Connections.Should().Be(40);
    }

    [Fact]
    public void Ingress_only_policy_gets_no_dns_rule()
    {
        var policy = Synth.Single(Observed(Workload("shop", "web"), ingress: [Entry(ToWorkload(Workload("shop", "lb")), 80)]));

        policy.Spec.Egress.Should().BeNull();
        policy.Spec.PolicyTypes.Should().Equal("Ingress");
    }
}
