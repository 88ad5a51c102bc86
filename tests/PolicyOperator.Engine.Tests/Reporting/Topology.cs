using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Tests.Reporting;

/// <summary>
/// A known topology for the report tests. Cluster <c>east</c>: shop/web (prod) calls shop/cart through its
/// Service, S3 by name, GitHub by an address its DNS answers name, the API server Service, and a node's
/// ExternalIP; shop/cart calls payments/pay (dev) and its own shop/web through the load balancer IP;
/// ops/agent calls the API server's endpoint address directly; db/postgres is called from cluster
/// <c>west</c>'s analytics/reader, which both sides recorded by address.
/// </summary>
internal static class Topology
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static WorkloadReference Workload(string ns, string name, string? cluster = null) => new()
    {
        Kind = "Deployment",
        Name = name,
        Namespace = ns,
        Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
        Cluster = cluster,
    };

    public static ObservedTraffic Record(
        string cluster,
        string node,
        WorkloadReference workload,
        IReadOnlyList<TrafficEntry>? egress = null,
        IReadOnlyList<TrafficEntry>? ingress = null,
        IReadOnlyList<DnsQueryRecord>? dns = null) => new()
        {
            Metadata = new ObjectMeta { Name = $"{workload.Name}-{node}", Namespace = workload.Namespace },
            Spec = new ObservedTrafficSpec
            {
                Cluster = cluster,
                Node = node,
                Workload = workload,
                Window = new ObservationWindow { Start = T0, End = T0.AddHours(1) },
                Egress = egress ?? [],
                Ingress = ingress ?? [],
                DnsQueries = dns ?? [],
            },
        };

    public static TrafficEntry Entry(TrafficPeer peer, int port, long connections, string protocol = "TCP", IReadOnlyList<ConnectionSample>? samples = null, params string[] processes) => new()
    {
        Peer = peer,
        Protocol = protocol,
        Port = port,
        Connections = connections,
        BytesSent = connections * 100,
        BytesReceived = connections * 100,
        FirstSeen = T0,
        LastSeen = T0.AddMinutes(30),
        Processes = [.. processes.Select(p => new ProcessReference { Comm = p })],
        Samples = samples ?? [],
    };

    public static TrafficPeer External(string cidr, params string[] names) =>
        new() { Type = PeerType.External, External = new ExternalPeer { Cidr = cidr, DnsNames = names } };

    public static TrafficPeer ToWorkload(WorkloadReference workload) => new() { Type = PeerType.Workload, Workload = workload };

    public static TrafficPeer ToService(string ns, string name, WorkloadReference? backend, IReadOnlyList<string>? endpoints = null) =>
        new() { Type = PeerType.Service, Service = new ServicePeer { Name = name, Namespace = ns, Backend = backend, EndpointAddresses = endpoints } };

    public static ConnectionSample Sample(string source, string destination, int port) =>
        new() { SourceIp = source, SourcePort = 40000, DestinationIp = destination, DestinationPort = port, Time = T0 };

    public static DnsQueryRecord Query(string name, long queries, IReadOnlyDictionary<string, long>? responses = null, IReadOnlyList<string>? answers = null, params ProcessReference[] processes) => new()
    {
        Name = name,
        QueryType = "A",
        Queries = queries,
        Responses = responses ?? new Dictionary<string, long> { ["NOERROR"] = queries },
        Answers = answers ?? [],
        Processes = processes,
    };

    public static ProcessReference Process(string comm, string pod, string container, long? count = null) =>
        new() { Comm = comm, Pod = pod, Container = container, Count = count };

    public static readonly WorkloadReference Web = Workload("shop", "web");
    public static readonly WorkloadReference Cart = Workload("shop", "cart");
    public static readonly WorkloadReference Pay = Workload("payments", "pay");
    public static readonly WorkloadReference Agent = Workload("ops", "agent");
    public static readonly WorkloadReference Postgres = Workload("db", "postgres");
    public static readonly WorkloadReference Reader = Workload("analytics", "reader");

    /// <summary>The records of both clusters.</summary>
    public static IReadOnlyList<ObservedTraffic> Traffic { get; } =
    [
        Record("east", "n1", Web,
            egress:
            [
                Entry(ToService("shop", "cart", Cart), 8080, 6, processes: "nginx"),
                Entry(External("52.216.10.5/32", "s3.amazonaws.com."), 443, 4, processes: "aws"),
                Entry(External("140.82.112.3/32"), 443, 2),
                Entry(ToService("default", "kubernetes", null, ["172.18.0.2"]), 6443, 2),
                Entry(External("198.51.100.7/32"), 30080, 1),
            ],
            dns:
            [
                Query("cart.shop.svc.cluster.local.", 30, processes: [Process("nginx", "web-1", "nginx", 20), Process("curl", "web-2", "sidecar", 5)]),
                Query("s3.amazonaws.com.", 12, answers: ["52.216.10.5"], processes: [Process("aws", "web-1", "app")]),
                Query("nosuch.example.com.", 3, new Dictionary<string, long> { ["NXDOMAIN"] = 3 }, processes: [Process("aws", "web-1", "app")]),
                Query("api.github.com.", 2, answers: ["140.82.112.3"]),
            ]),
        // A second node's record of the same workload: its connections add to the first's.
        Record("east", "n2", Web, egress: [Entry(ToService("shop", "cart", Cart), 8080, 4, processes: "nginx")]),
        Record("east", "n1", Cart,
            ingress: [Entry(ToWorkload(Web), 8080, 10)],
            egress:
            [
                Entry(ToService("payments", "pay", Pay), 9090, 3),
                Entry(External("203.0.113.10/32", "shop.example.com"), 443, 5),
            ],
            dns: [Query("pay.payments.svc.cluster.local.", 3), Query("shop.example.com", 5, new Dictionary<string, long> { ["NOERROR"] = 4, ["SERVFAIL"] = 1 })]),
        Record("east", "n2", Pay, ingress: [Entry(ToWorkload(Cart), 9090, 3)]),
        Record("east", "n2", Agent, egress: [Entry(External("172.18.0.2/32"), 6443, 7)]),
        Record("east", "n3", Postgres, ingress: [Entry(External("10.30.0.4/32"), 5432, 8, samples: [Sample("10.30.0.4", "10.20.0.7", 5432)])]),
        Record("west", "w1", Reader, egress: [Entry(External("10.20.0.7/32"), 5432, 8, samples: [Sample("10.30.0.4", "10.20.0.7", 5432)])]),
    ];

    /// <summary>Cluster east's inventory: environments, the web load balancer, the API server, a node.</summary>
    public static ClusterInventory Inventory { get; } = new()
    {
        Namespaces =
        [
            Namespace("shop", "prod"),
            Namespace("payments", "dev"),
            new Namespace { Metadata = new ObjectMeta { Name = "ops", Labels = new Dictionary<string, string> { ["env"] = "prod" } } },
        ],
        Services =
        [
            new Service
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = "shop" },
                Spec = new ServiceSpec { Type = "LoadBalancer", ClusterIP = "10.96.5.5", Selector = new Dictionary<string, string> { ["app"] = "web" } },
                Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Ip = "203.0.113.10" }] } },
            },
            new Service { Metadata = new ObjectMeta { Name = "kubernetes", Namespace = "default" }, Spec = new ServiceSpec { ClusterIP = "10.96.0.1" } },
        ],
        EndpointSlices =
        [
            new EndpointSlice
            {
                Metadata = new ObjectMeta { Name = "kubernetes", Namespace = "default", Labels = new Dictionary<string, string> { [EndpointSlice.ServiceNameLabel] = "kubernetes" } },
                Endpoints = [new Endpoint { Addresses = ["172.18.0.2"] }],
            },
        ],
        Nodes =
        [
            new Node
            {
                Metadata = new ObjectMeta { Name = "n1" },
                Status = new NodeStatus { Addresses = [new NodeAddress { Type = "InternalIP", Address = "10.0.0.11" }, new NodeAddress { Type = "ExternalIP", Address = "198.51.100.7" }] },
            },
        ],
    };

    public static Engine.Reporting.ReportInput Input(Engine.Reporting.ReportOptions? options = null) =>
        new(Traffic, new InventoryIndex(Inventory), options);

    private static Namespace Namespace(string name, string environment) =>
        new() { Metadata = new ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["environment"] = environment } } };
}
