using System.Diagnostics;
using System.Globalization;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Reporting;

namespace PolicyOperator.Benchmarks.Reporting;

/// <summary>
/// Every <c>policyctl report</c> question at 500, 2,000 and 8,000 workloads (each with 10 in-cluster and
/// 5 outside egress entries and 20 DNS names, in 50 namespaces): process CPU time, wall time and bytes
/// allocated, and how CPU time grows with size (4x workloads per step). A custom harness (one warm-up,
/// then the best of a few runs) keeps the suite to seconds.
/// </summary>
internal static class ReportBenchmark
{
    public const string Name = "report";

    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static int Run(TextWriter output)
    {
        output.WriteLine("report: every question (dns, names, external, cross-namespace, cross-cluster, hairpin, fqdn) plus talks --to *.example.com");
        output.WriteLine($"{"workloads",10} {"entries",8} {"dns recs",9} {"cpu ms",8} {"wall ms",8} {"alloc MiB",10} {"x cpu",6}");
        AllReports(Traffic(200)); // warm-up: JIT and tiering
        double? previous = null;
        foreach (var (workloads, runs) in new[] { (500, 3), (2_000, 2), (8_000, 1) })
        {
            var traffic = Traffic(workloads);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var (best, bestCpu, allocated) = (double.MaxValue, double.MaxValue, 0L);
            for (var run = 0; run < runs; run++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                AllReports(traffic);
                watch.Stop();
                bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            }

            var growth = previous is { } p ? (bestCpu / p).ToString("F1", CultureInfo.InvariantCulture) : "-";
            output.WriteLine($"{workloads,10:N0} {workloads * 15,8:N0} {workloads * 20,9:N0} {bestCpu,8:F0} {best,8:F0} {allocated / (1024.0 * 1024.0),10:F0} {growth,6}");
            previous = bestCpu;
        }

        output.WriteLine("cpu ms: process CPU time (GC included), the figure to read on a shared machine; x cpu: ratio to the previous size (4x workloads).");
        Breakdown(output, Traffic(2_000));
        return 0;
    }

    /// <summary>Where the time and memory go, one question at a time (one run each).</summary>
    private static void Breakdown(TextWriter output, IReadOnlyList<ObservedTraffic> traffic)
    {
        var input = new ReportInput(traffic);
        (string Name, Func<int> Report)[] questions =
        [
            ("edges (input)", () => new ReportInput(traffic).Edges.Count),
            ("dns", () => DnsHotspotReport.Build(input).Names.Count),
            ("names", () => NameScopeReport.Build(input).Count),
            ("external", () => ExternalEndpointReport.Build(input).Count),
            ("talks", () => TalksToQuery.Run(input, TrafficTarget.Parse("*.example.com", input.Options), QueryDirection.To).Connections.Count),
            ("cross-namespace", () => CrossNamespaceReport.Build(input).Count),
            ("cross-cluster", () => CrossClusterReport.Build(input).Flows.Count),
            ("hairpin", () => HairpinReport.Build(input).Count),
            ("fqdn", () => FqdnEgressReport.Build(input).Count),
        ];
        output.WriteLine($"per question at 2,000 workloads: {"question",16} {"cpu ms",8} {"alloc MiB",10}");
        foreach (var (name, report) in questions)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            report();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            output.WriteLine($"{string.Empty,32} {name,16} {cpu,8:F0} {(GC.GetTotalAllocatedBytes(precise: true) - before) / (1024.0 * 1024.0),10:F1}");
        }
    }

    private static int AllReports(IReadOnlyList<ObservedTraffic> traffic)
    {
        var input = new ReportInput(traffic);
        return DnsHotspotReport.Build(input).Names.Count + NameScopeReport.Build(input).Count + ExternalEndpointReport.Build(input).Count +
            CrossNamespaceReport.Build(input).Count + CrossClusterReport.Build(input).Flows.Count + HairpinReport.Build(input).Count +
            FqdnEgressReport.Build(input).Count +
            TalksToQuery.Run(input, TrafficTarget.Parse("*.example.com", input.Options), QueryDirection.To).Connections.Count;
    }

    private static List<ObservedTraffic> Traffic(int workloads) => [.. Enumerable.Range(0, workloads).Select(i => Record(i, workloads))];

    private static ObservedTraffic Record(int i, int workloads) => new()
    {
        Spec = new ObservedTrafficSpec
        {
            Cluster = "bench",
            Node = $"node-{i % 20}",
            Workload = Workload(i),
            Window = new ObservationWindow { Start = T0, End = T0.AddHours(1) },
            Egress =
            [
                .. Enumerable.Range(1, 10).Select(k => Entry(new TrafficPeer { Type = PeerType.Workload, Workload = Workload((i + (k * 37)) % workloads) }, 8080)),
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
                Answers = k < 15 ? [] : [$"203.0.{(i + k) % 200}.{k % 5}"],
                Processes = [new ProcessReference { Comm = "app", Pod = $"w{i}-pod", Container = "main", Count = 10 + k }],
            })],
        },
    };

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
}
