using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Tests.Graph;

/// <summary>
/// A known topology: shop/frontend -> shop/cartservice (through its Service, seen from both ends),
/// shop/checkout -> payments/payment (cross-namespace) and -> api.stripe.com (external).
/// </summary>
internal static class ShopTopology
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static WorkloadReference Workload(string ns, string name) => new()
    {
        Kind = "Deployment",
        Name = name,
        Namespace = ns,
        Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
    };

    public static TrafficEntry Entry(TrafficPeer peer, int port, string protocol = "TCP") => new()
    {
        Peer = peer,
        Protocol = protocol,
        Port = port,
        Connections = 3,
        FirstSeen = T0,
        LastSeen = T0.AddMinutes(5),
    };

    public static TrafficPeer WorkloadPeer(string ns, string name) => new() { Type = PeerType.Workload, Workload = Workload(ns, name) };

    public static ObservedTraffic Observed(WorkloadReference workload, IReadOnlyList<TrafficEntry> egress, IReadOnlyList<TrafficEntry>? ingress = null) => new()
    {
        Metadata = new ObjectMeta { Name = $"{workload.Name}-node-a", Namespace = workload.Namespace },
        Spec = new ObservedTrafficSpec
        {
            Node = "node-a",
            Workload = workload,
            Window = new ObservationWindow { Start = T0, End = T0.AddHours(1) },
            Egress = egress,
            Ingress = ingress ?? [],
        },
    };

    public static IReadOnlyList<ObservedTraffic> Traffic() =>
    [
        Observed(Workload("shop", "frontend"),
        [
            Entry(new TrafficPeer
            {
                Type = PeerType.Service,
                Service = new ServicePeer
                {
                    Name = "cartservice",
                    Namespace = "shop",
                    Selector = new Dictionary<string, string> { ["app"] = "cartservice" },
                    Backend = Workload("shop", "cartservice"),
                },
            }, 7070),
        ]),
        Observed(Workload("shop", "cartservice"), [], [Entry(WorkloadPeer("shop", "frontend"), 7070)]),
        Observed(Workload("shop", "checkout"),
        [
            Entry(WorkloadPeer("payments", "payment"), 50051),
            Entry(new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = "203.0.113.7/32", DnsNames = ["api.stripe.com"] } }, 443),
        ]),
    ];
}
