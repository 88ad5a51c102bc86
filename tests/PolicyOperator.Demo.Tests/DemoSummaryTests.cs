using FluentAssertions;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Demo.Output;
using Xunit;

namespace PolicyOperator.Demo.Tests;

/// <summary>The demo's summary is built from what the pipeline wrote: rules per direction, peers, externals, edges.</summary>
public sealed class DemoSummaryTests
{
    [Fact]
    public void A_direction_without_rules_is_not_isolated_and_external_peers_are_listed_with_their_names()
    {
        var summary = DemoSummary.Create([Payment()], [(Policy(), "payments/payment-deployment.yaml")]);

        var workloads = summary.Tables[0];
        workloads.Rows.Should().ContainSingle().Which.Take(4).Should().Equal(
            "payments/payment (Deployment)", "payments/payment-deployment.yaml", "not isolated", "1");
        summary.Tables[1].Rows.Should().ContainSingle().Which.Should().Equal(
            "payments/payment", "203.0.113.10/32", "api.payments-provider.example", "TCP 443", "16");
    }

    [Fact]
    public void Many_ports_on_one_edge_are_shortened_to_a_range()
    {
        var coredns = Observed("kube-system", "coredns", [.. Enumerable.Range(0, 12).Select(i => Entry(Workload("shop", "cart"), "UDP", 33000 + i))]);

        var summary = DemoSummary.Create([coredns], []);

        summary.Tables[2].Rows.Should().ContainSingle().Which.Should().Equal("x", "kube-system/coredns", "shop/cart", "UDP 33000-33011 (12 ports)");
        summary.Tables[0].Rows.Single()[1].Should().Be("(none)");
    }

    private static ObservedTraffic Payment() => Observed("payments", "payment",
    [
        Entry(new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = "203.0.113.10/32", DnsNames = ["api.payments-provider.example."] } }, "TCP", 443, 16),
    ]);

    private static NetworkPolicy Policy() => new()
    {
        Metadata = new ObjectMeta { Name = "payment-deployment", Namespace = "payments", Annotations = new Dictionary<string, string> { ["policyoperator.io/workload"] = "Deployment/payment" } },
        Spec = new NetworkPolicySpec { PolicyTypes = ["Egress"], Egress = [new NetworkPolicyEgressRule()] },
    };

    private static ObservedTraffic Observed(string ns, string name, IReadOnlyList<TrafficEntry> egress) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new ObservedTrafficSpec
        {
            Node = "demo-node",
            Workload = new WorkloadReference { Kind = "Deployment", Name = name, Namespace = ns },
            Window = new ObservationWindow { Start = DateTimeOffset.UnixEpoch, End = DateTimeOffset.UnixEpoch },
            Egress = egress,
        },
    };

    private static TrafficPeer Workload(string ns, string name) =>
        new() { Type = PeerType.Workload, Workload = new WorkloadReference { Kind = "Deployment", Name = name, Namespace = ns } };

    private static TrafficEntry Entry(TrafficPeer peer, string protocol, int port, long connections = 1) => new()
    {
        Peer = peer,
        Protocol = protocol,
        Port = port,
        Connections = connections,
        FirstSeen = DateTimeOffset.UnixEpoch,
        LastSeen = DateTimeOffset.UnixEpoch,
    };
}
