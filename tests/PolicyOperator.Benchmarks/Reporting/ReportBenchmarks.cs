using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Reporting;

namespace PolicyOperator.Benchmarks.Reporting;

/// <summary>
/// The report engine over a synthetic cluster: <see cref="Workloads"/> workloads in 50 namespaces, each
/// with 10 in-cluster and 5 outside egress entries and 20 DNS names; the two sizes side by side show
/// how the cost grows. Short in-process job (no separate build, which is slow on a loaded machine):
/// a few seconds per case.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcess))]
public class ReportBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private IReadOnlyList<ObservedTraffic> _traffic = [];
    private ReportInput? _input;

    [Params(1_000, 4_000)]
    public int Workloads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _traffic = [.. Enumerable.Range(0, Workloads).Select(Record)];
        _input = new ReportInput(_traffic);
    }

    /// <summary>Merging the records into edges (what every connection report starts from).</summary>
    [Benchmark(Baseline = true)]
    public int Edges() => new ReportInput(_traffic).Edges.Count;

    [Benchmark]
    public long DnsHotspots() => DnsHotspotReport.Build(_input!).TotalQueries;

    [Benchmark]
    public int TalksToWildcard() => TalksToQuery.Run(_input!, TrafficTarget.Parse("*.example.com", _input!.Options), QueryDirection.To).Connections.Count;

    /// <summary>Every question of <c>policyctl report</c> from the records, as the CLI runs them.</summary>
    [Benchmark]
    public int AllReports()
    {
        var input = new ReportInput(_traffic);
        return DnsHotspotReport.Build(input).Names.Count + NameScopeReport.Build(input).Count + ExternalEndpointReport.Build(input).Count +
            CrossNamespaceReport.Build(input).Count + CrossClusterReport.Build(input).Flows.Count + HairpinReport.Build(input).Count +
            FqdnEgressReport.Build(input).Count;
    }

    private static ObservedTraffic Record(int i)
    {
        var workload = Workload(i);
        return new ObservedTraffic
        {
            Spec = new ObservedTrafficSpec
            {
                Cluster = "bench",
                Node = $"node-{i % 20}",
                Workload = workload,
                Window = new ObservationWindow { Start = T0, End = T0.AddHours(1) },
                Egress =
                [
                    .. Enumerable.Range(1, 10).Select(k => Entry(new TrafficPeer { Type = PeerType.Workload, Workload = Workload((i + (k * 37)) % 1000) }, 8080)),
                    .. Enumerable.Range(0, 5).Select(k => Entry(
                        new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = $"203.0.{(i + k) % 200}.{k}/32", DnsNames = [$"api{(i + k) % 300}.example.com"] } },
                        443)),
                ],
                DnsQueries = [.. Enumerable.Range(0, 20).Select(k => new DnsQueryRecord
                {
                    Name = k < 15 ? $"svc{k}.ns{i % 50}.svc.cluster.local" : $"api{(i + k) % 300}.example.com",
                    QueryType = "A",
                    Queries = 10 + k,
                    Responses = new Dictionary<string, long> { ["NOERROR"] = 9 + k, ["NXDOMAIN"] = 1 },
                    Processes = [new ProcessReference { Comm = "app", Pod = $"w{i}-pod", Container = "main", Count = 10 + k }],
                })],
            },
        };
    }

    private static WorkloadReference Workload(int i) => new()
    {
        Kind = "Deployment",
        Name = "w" + i.ToString(CultureInfo.InvariantCulture),
        Namespace = "ns" + (i % 50).ToString(CultureInfo.InvariantCulture),
    };

    private static TrafficEntry Entry(TrafficPeer peer, int port) => new()
    {
        Peer = peer,
        Protocol = "TCP",
        Port = port,
        Connections = 5,
        FirstSeen = T0,
        LastSeen = T0,
    };

    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5));
    }
}
