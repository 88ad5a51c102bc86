using System.Globalization;
using System.Net;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Observation.Recording;
using PolicyOperator.Observation.Reporting;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;

namespace PolicyOperator.Benchmarks.Agent;

/// <summary>
/// The agent's reporting cost for one node: 20 pods (10 workloads of 2 replicas) each talking to 200
/// peers (100 in-cluster workloads, 100 external addresses), recorded and written to the test API
/// server every batch interval (30 s, simulated: rounds run back to back). Three phases: every peer
/// active every round, 10% of peers active, and no new traffic. Reports API requests and bytes per
/// node per minute, object sizes, and the recording path's managed memory.
/// </summary>
internal static class AgentBenchmark
{
    public const string Name = "agent";

    private const int Workloads = 10;
    private const int ReplicasPerWorkload = 2;
    private const int PeerWorkloads = 100;
    private const int ExternalPeers = 100;
    private const int RoundsPerPhase = 10;
    private static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(TextWriter output)
    {
        // A short history: the server shares this process, and its change log is not the agent's memory.
        await using var server = await TestApiServer.StartAsync(new TestApiServerOptions { Manifests = [RepositoryPaths.InRepository("crds")], HistoryLimit = 20 });
        var directory = Directory.CreateTempSubdirectory("agent-bench-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        using var client = new KubernetesClient(KubeConfigLoader.Load(kubeconfig));
        Directory.Delete(directory, recursive: true);
        await client.Namespaces.CreateAsync(new Api.Core.Namespace { Metadata = new ObjectMeta { Name = "shop" } }, CancellationToken.None);

        var recorder = new TrafficRecorder(TrafficLimits.Default);
        var sink = new ApiServerSink(client.ObservedTraffics);
        var counts = new long[Workloads * ReplicasPerWorkload, PeerWorkloads + ExternalPeers];
        var lastSeen = new DateTimeOffset[Workloads * ReplicasPerWorkload, PeerWorkloads + ExternalPeers];
        output.WriteLine($"agent: {Workloads * ReplicasPerWorkload} pods ({Workloads} workloads) x {PeerWorkloads + ExternalPeers} peers, batch interval {BatchInterval.TotalSeconds:F0} s, {RoundsPerPhase} rounds per phase");
        output.WriteLine($"{"phase",-22} {"writes/min",11} {"KiB/min",9} {"objects",8} {"max obj KiB",12} {"heap MiB",9}");
        output.WriteLine("(heap: this process's managed heap after a full collection, the in-process test API server included)");
        var round = 0;
        foreach (var (phase, activeShare) in new[] { ("all peers active", 1.0), ("10% of peers active", 0.1), ("no new traffic", 0.0) })
        {
            var (writesBefore, bytesBefore) = (sink.Writes, sink.Bytes);
            IReadOnlyList<ObservedTraffic> traffic = [];
            for (var i = 0; i < RoundsPerPhase; i++, round++)
            {
                Advance(counts, lastSeen, activeShare, T0 + (BatchInterval * round), round);
                traffic = recorder.Record(Flows(counts, lastSeen));
                await sink.WriteAsync(traffic, CancellationToken.None);
            }

            var minutes = RoundsPerPhase * BatchInterval.TotalMinutes;
            GC.Collect();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phase,-22} {(sink.Writes - writesBefore) / minutes,11:F1} {(sink.Bytes - bytesBefore) / 1024.0 / minutes,9:F1} {traffic.Count,8} {traffic.Max(TrafficBounds.Size) / 1024.0,12:F1} {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0,9:F1}"));
        }
    }

    // Each active (pod, peer) pair made one more connection this round.
    private static void Advance(long[,] counts, DateTimeOffset[,] lastSeen, double activeShare, DateTimeOffset now, int round)
    {
        var random = new Random(round);
        for (var pod = 0; pod < counts.GetLength(0); pod++)
        {
            for (var peer = 0; peer < counts.GetLength(1); peer++)
            {
                if (random.NextDouble() < activeShare)
                {
                    counts[pod, peer]++;
                    lastSeen[pod, peer] = now;
                }
            }
        }
    }

    private static IEnumerable<AttributedFlow> Flows(long[,] counts, DateTimeOffset[,] lastSeen)
    {
        for (var pod = 0; pod < counts.GetLength(0); pod++)
        {
            var workload = Workload($"app-{pod / ReplicasPerWorkload}", "shop");
            for (var peer = 0; peer < counts.GetLength(1); peer++)
            {
                if (counts[pod, peer] == 0)
                {
                    continue;
                }

                var target = peer < PeerWorkloads
                    ? new TrafficPeer { Type = PeerType.Workload, Workload = Workload($"svc-{peer}", $"ns-{peer % 10}") }
                    : new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = $"{new IPAddress([198, 18, (byte)(peer / 200), (byte)(peer % 200)])}/32" } };
                yield return new AttributedFlow("node-1", workload, TrafficDirection.Egress, target, "TCP", 443, null, null)
                {
                    Counts = new FlowCounts(counts[pod, peer], 1000 * counts[pod, peer], 4000 * counts[pod, peer], T0, lastSeen[pod, peer]),
                    Process = new ProcessReference { Comm = "app", Pod = $"{workload.Name}-{pod % ReplicasPerWorkload}", Container = "main" },
                    Sample = new ConnectionSample { SourceIp = $"10.0.0.{pod + 2}", SourcePort = 0, DestinationIp = "198.18.0.1", DestinationPort = 443, Time = T0 },
                };
            }
        }
    }

    private static WorkloadReference Workload(string name, string ns) => new()
    {
        Kind = "Deployment",
        Name = name,
        Namespace = ns,
        Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
    };
}
