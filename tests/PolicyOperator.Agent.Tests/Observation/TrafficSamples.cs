using System.Net;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Traffic;

namespace PolicyOperator.Agent.Tests.Observation;

/// <summary>Attributed flows as the agent makes them, for tests of recording and reporting.</summary>
internal static class TrafficSamples
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static WorkloadReference Workload(string name = "web", string ns = "shop") => new()
    {
        Kind = "Deployment",
        Name = name,
        Namespace = ns,
        Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
    };

    public static AttributedFlow ToExternal(IPAddress address, int port = 443, long connections = 1, string comm = "curl", params string[] names) =>
        Flow(new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = $"{address}/{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}", DnsNames = names } }, port, connections, comm);

    public static AttributedFlow ToWorkload(string peer, int port, long connections = 1, string comm = "app") =>
        Flow(new TrafficPeer { Type = PeerType.Workload, Workload = Workload(peer, "default") }, port, connections, comm);

    private static AttributedFlow Flow(TrafficPeer peer, int port, long connections, string comm) =>
        new("node-1", Workload(), TrafficDirection.Egress, peer, "TCP", port, null, null)
        {
            Counts = new FlowCounts(connections, 100 * connections, 200 * connections, Start, Start.AddSeconds(connections)),
            Process = new ProcessReference { Comm = comm, Pod = "web-1", Container = "main" },
            Sample = new ConnectionSample { SourceIp = "10.0.0.1", SourcePort = 0, DestinationIp = "10.0.0.2", DestinationPort = port, Time = Start },
        };
}
