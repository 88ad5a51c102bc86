using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Operator.Tests.Support;

/// <summary>ObservedTraffic as the agent writes it, for a small known topology (shop/web calls shop/api on 8080).</summary>
public static class Traffic
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static WorkloadReference Deployment(string ns, string name) => new()
    {
        Kind = "Deployment",
        Name = name,
        Namespace = ns,
        Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
        Labels = new Dictionary<string, string> { ["app"] = name },
    };

    public static TrafficEntry To(WorkloadReference peer, int port, long connections = 3, string protocol = "TCP", DateTimeOffset? lastSeen = null) => new()
    {
        Peer = new TrafficPeer { Type = PeerType.Workload, Workload = peer },
        Protocol = protocol,
        Port = port,
        Connections = connections,
        FirstSeen = Start,
        LastSeen = lastSeen ?? Start.AddMinutes(5),
    };

    public static ObservedTraffic Observed(string name, WorkloadReference workload, string node, IReadOnlyList<TrafficEntry>? egress = null, IReadOnlyList<TrafficEntry>? ingress = null, DateTimeOffset? start = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = workload.Namespace },
        Spec = new ObservedTrafficSpec
        {
            Node = node,
            Workload = workload,
            Window = new ObservationWindow { Start = start ?? Start, End = (start ?? Start).AddMinutes(10) },
            Egress = egress ?? [],
            Ingress = ingress ?? [],
        },
    };

    /// <summary>web (node n1) calls api (node n2) on TCP 8080; each side reports its end.</summary>
    public static (ObservedTraffic Web, ObservedTraffic Api) WebCallsApi(string ns = "shop")
    {
        var web = Deployment(ns, "web");
        var api = Deployment(ns, "api");
        return (
            Observed("web-n1", web, "n1", egress: [To(api, 8080)]),
            Observed("api-n2", api, "n2", ingress: [To(web, 8080, connections: 2)]));
    }
}
