using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Compact builders of ObservedTraffic for the synthesis tests.</summary>
internal static class Traffic
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static LabelSelector Labels(params (string Key, string Value)[] labels) =>
        new() { MatchLabels = labels.ToDictionary(l => l.Key, l => l.Value) };

    public static WorkloadReference Workload(string ns, string name, string kind = "Deployment", LabelSelector? selector = null, bool hostNetwork = false) =>
        new() { Namespace = ns, Name = name, Kind = kind, Selector = selector ?? Labels(("app", name)), HostNetwork = hostNetwork };

    public static TrafficPeer ToWorkload(WorkloadReference workload) => new() { Type = PeerType.Workload, Workload = workload };

    public static TrafficPeer ToService(ServicePeer service) => new() { Type = PeerType.Service, Service = service };

    public static TrafficPeer ToNode(string name, bool isLocal, params string[] addresses) =>
        new() { Type = PeerType.Node, Node = new NodePeer { Name = name, IsLocal = isLocal, Addresses = addresses } };

    public static TrafficPeer ToExternal(string cidr, params string[] dnsNames) =>
        new() { Type = PeerType.External, External = new ExternalPeer { Cidr = cidr, DnsNames = dnsNames } };

    public static TrafficEntry Entry(TrafficPeer peer, int port, string protocol = "TCP", int? servicePort = null, long connections = 1, int minutes = 0, string comm = "app") => new()
    {
        Peer = peer,
        Protocol = protocol,
        Port = port,
        ServicePort = servicePort,
        Connections = connections,
        FirstSeen = T0.AddMinutes(minutes),
        LastSeen = T0.AddMinutes(minutes + 1),
        Processes = [new ProcessReference { Comm = comm }],
    };

    public static ObservedTraffic Observed(WorkloadReference workload, IReadOnlyList<TrafficEntry>? ingress = null, IReadOnlyList<TrafficEntry>? egress = null, string node = "node-a") => new()
    {
        Metadata = new ObjectMeta { Name = $"{workload.Name}-{node}", Namespace = workload.Namespace },
        Spec = new ObservedTrafficSpec
        {
            Node = node,
            Workload = workload,
            Window = new ObservationWindow { Start = T0, End = T0.AddHours(1) },
            Ingress = ingress ?? [],
            Egress = egress ?? [],
        },
    };
}
