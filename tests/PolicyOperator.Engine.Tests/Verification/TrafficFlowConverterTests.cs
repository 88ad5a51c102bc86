using FluentAssertions;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Verification;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Inventory;
using Xunit;

namespace PolicyOperator.Engine.Tests.Verification;

public sealed class TrafficFlowConverterTests
{
    private static readonly DateTimeOffset Time = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly InventoryIndex Index = new(InventoryReader.FromDocuments(KubernetesDocumentReader.Parse("""
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: a}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: db-0
          namespace: shop
          labels: {app: db, statefulset.kubernetes.io/pod-name: db-0}
          ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, uid: u, controller: true}]
        spec: {nodeName: node-2, containers: [{name: db, ports: [{name: pg, containerPort: 5432}]}]}
        status: {podIP: 10.0.0.20}
        """, "inv.yaml")).Inventory);

    [Fact]
    public void Egress_entries_go_from_the_workload_and_ingress_entries_to_it()
    {
        var flows = Convert(
            egress: [Entry(new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = "203.0.113.0/24" } }, 443)],
            ingress: [Entry(new TrafficPeer { Type = PeerType.Node, Node = new NodePeer { IsLocal = true, Addresses = ["192.0.2.1"] } }, 8080)]);

        flows.Unattributed.Should().BeEmpty();
        flows.Flows.Select(f => f.Flow.ToString()).Should().Equal(
            "shop/web[Deployment] => 203.0.113.0[External] : TCP 443",
            "shop/web[Deployment] => 203.0.113.255[External] : TCP 443",
            "192.0.2.1[Node node-1] => shop/web[Deployment] : TCP 8080");
        flows.Flows[2].Flow.Destination.Pod!.NodeName.Should().Be("node-1", "own-node ingress needs the observing node");
        flows.Flows.Select(f => f.Origin.ToString()).Should().Equal("shop/web-node-1 spec.egress[0]", "shop/web-node-1 spec.egress[0]", "shop/web-node-1 spec.ingress[0]");
    }

    [Fact]
    public void Service_peers_resolve_to_backend_pods_by_spec_selector_and_selectorless_ones_to_their_endpoints()
    {
        var flows = Convert(egress:
        [
            Entry(new TrafficPeer { Type = PeerType.Service, Service = new ServicePeer { Name = "db", Namespace = "shop", Selector = new Dictionary<string, string> { ["app"] = "db" } } }, 5432, "pg"),
            Entry(new TrafficPeer { Type = PeerType.Service, Service = new ServicePeer { Name = "kubernetes", Namespace = "default", EndpointAddresses = ["192.0.2.50", "192.0.2.51"] } }, 6443),
        ]);

        var db = flows.Flows[0].Flow.Destination.Pod!;
        db.Labels.Should().ContainKey("statefulset.kubernetes.io/pod-name", "the inventory pod behind the selector is used");
        db.NamespaceLabels.Should().Contain("team", "a");
        db.NamedPorts.Should().Contain(new NamedPort("pg", "TCP", 5432));
        flows.Flows.Skip(1).Select(f => f.Flow.Destination.ToString()).Should().Equal("192.0.2.50[External]", "192.0.2.51[External]");
    }

    [Fact]
    public void Peers_without_anything_to_evaluate_are_reported_with_the_reason()
    {
        var flows = Convert(egress:
        [
            Entry(new TrafficPeer { Type = PeerType.Workload, Workload = new WorkloadReference { Kind = "Deployment", Name = "ghost", Namespace = "shop" } }, 80),
            Entry(new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = "not-a-cidr" } }, 80),
            Entry(new TrafficPeer { Type = PeerType.Service }, 80),
        ]);

        flows.Flows.Should().BeEmpty();
        flows.Unattributed.Select(u => u.ToString()).Should().Equal(
            "shop/web-node-1 spec.egress[0]: peer workload shop/ghost[Deployment] has no pod in the inventory and no labels",
            "shop/web-node-1 spec.egress[1]: external peer: 'not-a-cidr' is not a CIDR (address/prefix)",
            "shop/web-node-1 spec.egress[2]: peer of type Service has no service field");
    }

    [Fact]
    public void Converted_flows_replay_against_policies()
    {
        var flows = Convert(egress:
        [
            Entry(new TrafficPeer { Type = PeerType.Workload, Workload = new WorkloadReference { Kind = "StatefulSet", Name = "db", Namespace = "shop" } }, 5432),
        ]);
        var policies = new PolicySet([new Api.Networking.NetworkPolicy
        {
            Metadata = new ObjectMeta { Name = "db", Namespace = "shop" },
            Spec = new Api.Networking.NetworkPolicySpec
            {
                PodSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } },
                Ingress = [new Api.Networking.NetworkPolicyIngressRule { Ports = [new Api.Networking.NetworkPolicyPort { Port = "pg" }] }],
            },
        }]);

        var result = FlowVerifier.Verify(policies, flows);

        result.AllAllowed.Should().BeTrue();
        result.Flows.Should().Be(1);
    }

    private static ObservedFlowSet Convert(IReadOnlyList<TrafficEntry>? egress = null, IReadOnlyList<TrafficEntry>? ingress = null) =>
        new TrafficFlowConverter(Index).Convert([new ObservedTraffic
        {
            Metadata = new ObjectMeta { Name = "web-node-1", Namespace = "shop" },
            Spec = new ObservedTrafficSpec
            {
                Node = "node-1",
                Workload = new WorkloadReference
                {
                    Kind = "Deployment",
                    Name = "web",
                    Namespace = "shop",
                    Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                },
                Window = new ObservationWindow { Start = Time, End = Time },
                Egress = egress ?? [],
                Ingress = ingress ?? [],
            },
        }]);

    private static TrafficEntry Entry(TrafficPeer peer, int port, string? portName = null) => new()
    {
        Peer = peer,
        Protocol = "TCP",
        Port = port,
        PortName = portName,
        FirstSeen = Time,
        LastSeen = Time,
    };
}
