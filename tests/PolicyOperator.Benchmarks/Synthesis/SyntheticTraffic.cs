using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Benchmarks.Synthesis;

/// <summary>
/// Deterministic synthetic traffic: a number of workloads across namespaces and nodes, each with flow
/// records (traffic entries) to other workloads, Services, external IPv4/IPv6 addresses and nodes.
/// </summary>
internal static class SyntheticTraffic
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ServicePeer[] Services = [.. Enumerable.Range(0, 20).Select(i => new ServicePeer
    {
        Name = $"svc-{i}",
        Namespace = "shared",
        Selector = new Dictionary<string, string> { ["app"] = $"svc-{i}" },
    })];

    public static List<ObservedTraffic> Create(int records, int workloads, int nodes = 3, int seed = 42)
    {
        var random = new Random(seed);
        var refs = Enumerable.Range(0, workloads).Select(Workload).ToArray();
        var perObject = Math.Max(1, records / (workloads * nodes));
        var result = new List<ObservedTraffic>(workloads * nodes);
        var made = 0;
        for (var w = 0; w < workloads && made < records; w++)
        {
            for (var n = 0; n < nodes && made < records; n++)
            {
                var count = Math.Min(perObject, records - made);
                var ingress = new List<TrafficEntry>(count / 2 + 1);
                var egress = new List<TrafficEntry>(count / 2 + 1);
                for (var i = 0; i < count; i++)
                {
                    var entry = Entry(random, refs, w, i);
                    (i % 2 == 0 ? egress : ingress).Add(entry);
                }

                made += count;
                result.Add(new ObservedTraffic
                {
                    Metadata = new ObjectMeta { Name = $"{refs[w].Name}-node-{n}", Namespace = refs[w].Namespace },
                    Spec = new ObservedTrafficSpec
                    {
                        Node = $"node-{n}",
                        Workload = refs[w],
                        Window = new ObservationWindow { Start = T0, End = T0.AddHours(1) },
                        Ingress = ingress,
                        Egress = egress,
                    },
                });
            }
        }

        return result;
    }

    private static WorkloadReference Workload(int i) => new()
    {
        Kind = i % 10 == 0 ? "StatefulSet" : "Deployment",
        Name = $"app-{i}",
        Namespace = $"ns-{i % 50}",
        Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = $"app-{i}", ["tier"] = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture) } },
    };

    private static TrafficEntry Entry(Random random, WorkloadReference[] refs, int self, int i)
    {
        // Flow records repeat: each workload talks to a fixed set of about 28 peers (12 workloads, 3 Services,
        // 10 external addresses, nodes), each on its own port, as real services do; records add up on them.
        var slot = random.Next(28);
        var (peer, port) = slot switch
        {
            < 12 => (new TrafficPeer { Type = PeerType.Workload, Workload = refs[(self * 7 + (slot * 131)) % refs.Length] }, 8000 + slot),
            < 15 => (new TrafficPeer { Type = PeerType.Service, Service = Services[(self + slot) % Services.Length] }, 9000 + slot),
            < 22 => (new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = $"203.0.{self % 4}.{slot}/32", DnsNames = slot % 2 == 0 ? [$"api{slot}.example.com"] : [] } }, 443),
            < 25 => (new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = $"2001:db8:{self % 3}::{slot:x}/128" } }, 443),
            _ => (new TrafficPeer { Type = PeerType.Node, Node = new NodePeer { Name = $"node-{slot % 3}", Addresses = [$"192.168.1.{slot % 3 + 1}"], IsLocal = slot % 3 == 0 } }, 10250),
        };
        return new TrafficEntry
        {
            Peer = peer,
            Protocol = slot % 9 == 0 ? "UDP" : "TCP",
            Port = port,
            Connections = random.Next(1, 1000),
            FirstSeen = T0.AddSeconds(i),
            LastSeen = T0.AddSeconds(i + random.Next(3600)),
        };
    }
}
