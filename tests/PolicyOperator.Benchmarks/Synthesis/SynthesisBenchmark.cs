using System.Diagnostics;
using System.Globalization;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Benchmarks.Synthesis;

/// <summary>
/// Synthesis at 10k, 100k and 1M flow records (traffic entries) over 5,000 workloads: wall time, bytes
/// allocated, process CPU time and the process's peak working set at each size, and how time grows with size. Target:
/// 1M records in under 2 s and 1 GiB. A custom harness (one warm-up, then the best of a few runs) keeps
/// the whole suite near a minute on two cores.
/// </summary>
internal static class SynthesisBenchmark
{
    public const string Name = "synthesis";

    public static void Run(TextWriter output)
    {
        const int Workloads = 5_000;
        int[] sizes = [10_000, 100_000, 1_000_000];
        output.WriteLine($"synthesis: {Workloads:N0} workloads, 3 nodes; records = traffic entries, ~28 distinct peers per workload (12 workloads, 3 Services, 10 external v4/v6, nodes)");
        output.WriteLine($"{"records",10} {"policies",9} {"cpu ms",8} {"wall ms",8} {"alloc MiB",10} {"peak WS MiB",12} {"x cpu",6}");

        Synthesize(SyntheticTraffic.Create(10_000, Workloads)); // warm-up: JIT and tiering
        double? previous = null;
        foreach (var size in sizes)
        {
            var traffic = SyntheticTraffic.Create(size, Workloads);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var runs = size >= 1_000_000 ? 2 : 3;
            var best = double.MaxValue;
            var bestCpu = double.MaxValue;
            long allocated = 0;
            var policies = 0;
            for (var run = 0; run < runs; run++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                policies = Synthesize(traffic);
                watch.Stop();
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                bestCpu = Math.Min(bestCpu, cpu);
            }

            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            var growth = previous is { } p ? (bestCpu / p).ToString("F1", CultureInfo.InvariantCulture) : "-";
            output.WriteLine($"{size,10:N0} {policies,9:N0} {bestCpu,8:F0} {best,8:F0} {allocated / (1024.0 * 1024.0),10:F0} {peak,12:F0} {growth,6}");
            previous = bestCpu;
        }

        output.WriteLine("cpu ms: process CPU time (all threads, GC included), the figure to read on a shared machine; wall ms: elapsed.");
        output.WriteLine("peak WS is the whole process (input traffic included); x cpu is the ratio to the previous size (10x records).");
    }

    private static int Synthesize(List<global::PolicyOperator.Api.V1Alpha1.ObservedTraffic> traffic) =>
        new PolicySynthesizer().Synthesize(traffic, ClusterInventory.Empty).Policies.Count;
}
