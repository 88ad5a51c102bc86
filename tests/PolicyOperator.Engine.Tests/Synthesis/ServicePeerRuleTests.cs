using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;
using Xunit;
using static PolicyOperator.Engine.Tests.Synthesis.Traffic;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Design rule 2: Services by spec.selector, never their labels; selectorless Services by their endpoints.</summary>
public sealed class ServicePeerRuleTests
{
    [Fact]
    public void Service_peer_is_selected_by_its_spec_selector()
    {
        var service = new ServicePeer { Name = "payments", Namespace = "pay", Selector = new Dictionary<string, string> { ["app"] = "payments", ["tier"] = "backend" } };

        var policy = Synth.Single(Observed(Workload("shop", "web"), egress: [Entry(ToService(service), 8443)]));

        Synth.Egress(policy).Should().Contain("ns[kubernetes.io/metadata.name=pay] pods[app=payments,tier=backend] TCP/8443");
    }

    public static TheoryData<string, string[]?, ClusterInventory, string[]> SelectorlessCases => new()
    {
        { "addresses on the entry", ["172.18.0.2", "172.18.0.3"], ClusterInventory.Empty, ["172.18.0.2/32 TCP/6443", "172.18.0.3/32 TCP/6443"] },
        { "addresses from EndpointSlices", null, ApiServerSlices("172.18.0.9", "fd00::9"), ["172.18.0.9/32 TCP/6443", "fd00::9/128 TCP/6443"] },
    };

    [Theory]
    [MemberData(nameof(SelectorlessCases))]
    public void Selectorless_service_becomes_ipblocks_of_its_endpoints(string because, string[]? addresses, ClusterInventory inventory, string[] expected)
    {
        var kubernetes = new ServicePeer { Name = "kubernetes", Namespace = "default", EndpointAddresses = addresses };
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToService(kubernetes), 6443, servicePort: 443)]);

        var policy = Synth.Run([traffic], inventory).Policies.Should1().Policy;

        Synth.NonDnsEgress(policy).SelectMany(r => r.To!).Select(p => p.IpBlock?.Cidr).Should().NotContainNulls(because);
        Synth.Egress(policy).Where(e => e.Contains("6443", StringComparison.Ordinal)).Should().Equal(expected, because);
    }

    [Fact]
    public void Selectorless_service_without_known_endpoints_is_reported_not_dropped_silently()
    {
        var kubernetes = new ServicePeer { Name = "kubernetes", Namespace = "default" };
        var traffic = Observed(Workload("shop", "web"), ingress: [Entry(ToWorkload(Workload("shop", "lb")), 80)], egress: [Entry(ToService(kubernetes), 443)]);

        var result = Synth.Run([traffic]);

        result.Findings.Should().Contain(f => f.Subject.Contains("Service default/kubernetes", StringComparison.Ordinal) && f.Message.Contains("no known endpoints", StringComparison.Ordinal));
        result.Findings.Should().Contain(f => f.Message.StartsWith("egress left unrestricted", StringComparison.Ordinal), "isolating egress would deny the observed call");
        result.Policies.Should1().Policy.Spec.PolicyTypes.Should().Equal("Ingress");
    }

    [Fact]
    public void Selectorless_endpoint_that_is_a_pod_is_selected_by_the_pods_workload_never_by_its_ip()
    {
        var inventory = new ClusterInventory
        {
            Pods = [new Pod { Metadata = new() { Name = "legacy-0", Namespace = "db", Labels = new Dictionary<string, string> { ["app"] = "legacy" } }, Status = new PodStatus { PodIP = "10.1.2.3" } }],
        };
        var external = new ServicePeer { Name = "legacy-db", Namespace = "db", EndpointAddresses = ["10.1.2.3"] };
        var traffic = Observed(Workload("shop", "web"), egress: [Entry(ToService(external), 5432)]);

        var policy = Synth.Run([traffic], inventory).Policies.Should1().Policy;

        Synth.Egress(policy).Should().Contain("ns[kubernetes.io/metadata.name=db] pods[app=legacy] TCP/5432").And.NotContain(e => e.Contains("10.1.2.3", StringComparison.Ordinal));
    }

    private static ClusterInventory ApiServerSlices(params string[] addresses) => new()
    {
        EndpointSlices =
        [
            new EndpointSlice
            {
                Metadata = new() { Name = "kubernetes", Namespace = "default", Labels = new Dictionary<string, string> { [EndpointSlice.ServiceNameLabel] = "kubernetes" } },
                Endpoints = addresses.Select(a => new Endpoint { Addresses = [a] }).ToList(),
                Ports = [new EndpointPort { Name = "https", Port = 6443, Protocol = "TCP" }],
            },
        ],
    };
}
