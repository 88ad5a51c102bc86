using FluentAssertions;
using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Graph;
using PolicyOperator.Engine.Inventory;
using Xunit;

namespace PolicyOperator.Engine.Tests.Inventory;

public sealed class ServiceBackendsTests
{
    private static readonly Dictionary<string, string> CartLabels = new() { ["app"] = "cart" };

    private static ClusterInventory Inventory(params Pod[] extraPods) => new()
    {
        Deployments = [new Deployment { Metadata = new() { Name = "cart", Namespace = "shop" }, Spec = new() { Selector = new() { MatchLabels = CartLabels } } }],
        ReplicaSets = [new ReplicaSet { Metadata = new() { Name = "cart-5d4f8", Namespace = "shop", OwnerReferences = [Owner("Deployment", "cart")] } }],
        Pods =
        [
            Pod("cart-5d4f8-aaaaa", CartLabels, Owner("ReplicaSet", "cart-5d4f8")),
            Pod("cart-5d4f8-bbbbb", CartLabels, Owner("ReplicaSet", "cart-5d4f8")),
            .. extraPods,
        ],
        Services = [new Service { Metadata = new() { Name = "cart", Namespace = "shop" }, Spec = new() { Selector = CartLabels, Ports = [new ServicePort { Port = 80, TargetPort = 7070 }] } }],
    };

    private static ObservedTraffic Frontend() => new()
    {
        Metadata = new() { Name = "frontend", Namespace = "shop" },
        Spec = new()
        {
            Node = "n1",
            Workload = new WorkloadReference { Kind = "Deployment", Name = "frontend", Namespace = "shop" },
            Window = new ObservationWindow { Start = DateTimeOffset.UnixEpoch, End = DateTimeOffset.UnixEpoch },
            Egress = [Entry(new TrafficPeer { Type = PeerType.Service, Service = new ServicePeer { Name = "cart", Namespace = "shop", Selector = CartLabels } })],
        },
    };

    private static ObservedTraffic Cart() => new()
    {
        Metadata = new() { Name = "cart", Namespace = "shop" },
        Spec = new()
        {
            Node = "n1",
            Workload = new WorkloadReference { Kind = "Deployment", Name = "cart", Namespace = "shop" },
            Window = new ObservationWindow { Start = DateTimeOffset.UnixEpoch, End = DateTimeOffset.UnixEpoch },
            Ingress = [Entry(new TrafficPeer { Type = PeerType.Workload, Workload = new WorkloadReference { Kind = "Deployment", Name = "frontend", Namespace = "shop" } })],
        },
    };

    [Fact]
    public void A_Service_peer_gets_the_workload_its_selector_selects_and_the_map_draws_one_edge()
    {
        var resolved = ServiceBackends.Resolve([Frontend(), Cart()], new InventoryIndex(Inventory()));

        var backend = resolved[0].Spec.Egress.Single().Peer.Service!.Backend;
        backend.Should().BeEquivalentTo(new { Kind = "Deployment", Name = "cart", Namespace = "shop" });
        backend!.Selector!.MatchLabels.Should().Equal(CartLabels);
        DependencyGraphBuilder.FromTraffic(resolved).Edges.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new GraphEdge("shop/frontend[Deployment]", "shop/cart[Deployment]", ["TCP 7070"], CrossNamespace: false, Denied: false));
    }

    [Fact]
    public void A_Service_whose_pods_belong_to_several_workloads_or_that_is_unknown_stays_a_Service()
    {
        var canary = Pod("cart-canary", CartLabels, owner: null);

        var shared = ServiceBackends.Resolve([Frontend()], new InventoryIndex(Inventory(canary)));
        var unknown = ServiceBackends.Resolve([Frontend()], new InventoryIndex(ClusterInventory.Empty));

        shared[0].Spec.Egress.Single().Peer.Service!.Backend.Should().BeNull("two workloads serve it");
        unknown[0].Should().BeEquivalentTo(Frontend());
    }

    private static TrafficEntry Entry(TrafficPeer peer) => new()
    {
        Peer = peer,
        Protocol = "TCP",
        Port = 7070,
        FirstSeen = DateTimeOffset.UnixEpoch,
        LastSeen = DateTimeOffset.UnixEpoch,
    };

    private static Pod Pod(string name, IReadOnlyDictionary<string, string> labels, OwnerReference? owner) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "shop", Labels = labels, OwnerReferences = owner is null ? null : [owner] },
        Status = new PodStatus { PodIP = $"10.0.0.{name.Length}" },
    };

    private static OwnerReference Owner(string kind, string name) => new() { ApiVersion = "apps/v1", Kind = kind, Name = name, Uid = "u", Controller = true };
}
