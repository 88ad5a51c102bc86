using System.Net;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Benchmarks.Evaluator;

/// <summary>
/// A synthetic cluster for the evaluator benchmark: workloads spread over namespaces, one policy per
/// workload (ingress from a same-namespace workload, a cross-namespace workload and an ipBlock, on a
/// port and a range; every second one also restricts egress), and observed traffic between them.
/// Deterministic (fixed seed).
/// </summary>
internal sealed class EvaluatorWorkload
{
    private EvaluatorWorkload(IReadOnlyList<NetworkPolicy> policies, IReadOnlyList<PodEndpoint> pods, IReadOnlyList<ObservedTraffic> traffic)
    {
        Policies = policies;
        Pods = pods;
        Traffic = traffic;
    }

    public IReadOnlyList<NetworkPolicy> Policies { get; }

    public IReadOnlyList<PodEndpoint> Pods { get; }

    public IReadOnlyList<ObservedTraffic> Traffic { get; }

    public static EvaluatorWorkload Create(int workloads, int namespaces, int flows)
    {
        var random = new Random(42);
        var pods = new List<PodEndpoint>(workloads);
        var policies = new List<NetworkPolicy>(workloads);
        for (var i = 0; i < workloads; i++)
        {
            var ns = $"ns-{i % namespaces}";
            pods.Add(new PodEndpoint
            {
                Namespace = ns,
                Name = $"w-{i}",
                Labels = new Dictionary<string, string> { ["app"] = $"w-{i}", ["tier"] = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                NamespaceLabels = new Dictionary<string, string> { [global::PolicyOperator.Api.Core.Namespace.NameLabel] = ns },
                NamedPorts = [new NamedPort("http", "TCP", 8080)],
                Ip = new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]),
            });
        }

        for (var i = 0; i < workloads; i++)
        {
            var ns = pods[i].Namespace;
            var sameNamespacePeer = pods[((i / namespaces) * namespaces + random.Next(namespaces)) % workloads];
            var otherPeer = pods[random.Next(workloads)];
            policies.Add(new NetworkPolicy
            {
                Metadata = new ObjectMeta { Name = $"w-{i}", Namespace = ns },
                Spec = new NetworkPolicySpec
                {
                    PodSelector = Select(pods[i]),
                    PolicyTypes = i % 2 == 0 ? ["Ingress", "Egress"] : ["Ingress"],
                    Ingress =
                    [
                        new NetworkPolicyIngressRule
                        {
                            From = [new NetworkPolicyPeer { NamespaceSelector = new LabelSelector(), PodSelector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["0", "1"] }] } }],
                            Ports = [new NetworkPolicyPort { Port = "http" }],
                        },
                        new NetworkPolicyIngressRule
                        {
                            From =
                            [
                                new NetworkPolicyPeer { PodSelector = Select(otherPeer), NamespaceSelector = NamespaceOf(otherPeer) },
                                new NetworkPolicyPeer { PodSelector = Select(sameNamespacePeer) },
                                new NetworkPolicyPeer { IpBlock = new IPBlock { Cidr = "203.0.113.0/24", Except = ["203.0.113.128/25"] } },
                                new NetworkPolicyPeer
                                {
                                    NamespaceSelector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = global::PolicyOperator.Api.Core.Namespace.NameLabel, Operator = "Exists" }] },
                                    PodSelector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "NotIn", Values = ["9"] }] },
                                },
                            ],
                            Ports = [new NetworkPolicyPort { Port = 9000, EndPort = 9100 }, new NetworkPolicyPort { Protocol = "UDP", Port = 53 }],
                        },
                    ],
                    Egress = i % 2 == 0
                        ? [new NetworkPolicyEgressRule { To = [new NetworkPolicyPeer { NamespaceSelector = new LabelSelector() }] }]
                        : null,
                },
            });
        }

        // Observed traffic: each workload's entries towards random peers, ports mostly allowed, some not.
        var perWorkload = Math.Max(1, flows / workloads);
        var traffic = new List<ObservedTraffic>(workloads);
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < workloads; i++)
        {
            var entries = new TrafficEntry[perWorkload];
            for (var e = 0; e < perWorkload; e++)
            {
                var peer = pods[random.Next(workloads)];
                var port = random.Next(10) switch { < 6 => 8080, < 8 => 9000 + random.Next(101), 8 => 53, _ => 443 };
                entries[e] = new TrafficEntry
                {
                    Peer = random.Next(20) == 0
                        ? new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = $"203.0.113.{random.Next(256)}/32" } }
                        : new TrafficPeer { Type = PeerType.Workload, Workload = Reference(peer) },
                    Protocol = port == 53 ? "UDP" : "TCP",
                    Port = port,
                    PortName = port == 8080 ? "http" : null,
                    FirstSeen = time,
                    LastSeen = time,
                };
            }

            traffic.Add(new ObservedTraffic
            {
                Metadata = new ObjectMeta { Name = $"w-{i}-node", Namespace = pods[i].Namespace },
                Spec = new ObservedTrafficSpec
                {
                    Node = "node",
                    Workload = Reference(pods[i]),
                    Window = new ObservationWindow { Start = time, End = time },
                    Egress = entries,
                },
            });
        }

        return new EvaluatorWorkload(policies, pods, traffic);
    }

    private static LabelSelector Select(PodEndpoint pod) => new() { MatchLabels = new Dictionary<string, string> { ["app"] = pod.Labels["app"] } };

    private static LabelSelector NamespaceOf(PodEndpoint pod) =>
        new() { MatchLabels = new Dictionary<string, string> { [global::PolicyOperator.Api.Core.Namespace.NameLabel] = pod.Namespace } };

    private static WorkloadReference Reference(PodEndpoint pod) => new()
    {
        Kind = "Deployment",
        Name = pod.Name,
        Namespace = pod.Namespace,
        Labels = pod.Labels,
    };
}
