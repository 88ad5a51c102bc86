using System.Diagnostics;
using System.Globalization;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Verification;

namespace PolicyOperator.Benchmarks.Evaluator;

/// <summary>
/// <c>verify</c> of 1M observed flows against 10,000 policies (target: under 5 s): time of each stage,
/// allocations and peak working set, and the indexed evaluator against a scan of every policy per flow.
/// </summary>
internal static class EvaluatorBenchmark
{
    public static void Run(TextWriter output, int flows = 1_000_000, int policies = 10_000, int namespaces = 1_000)
    {
        output.WriteLine($"evaluator: verify {flows:N0} flows against {policies:N0} policies in {namespaces:N0} namespaces");
        var workload = EvaluatorWorkload.Create(policies, namespaces, flows);

        var (set, compile) = Measure(() => new PolicySet(workload.Policies));
        var (converted, convert) = Measure(() => new TrafficFlowConverter(new InventoryIndex(Engine.Inventory.ClusterInventory.Empty)).Convert(workload.Traffic));
        var (result, verify) = Measure(() => FlowVerifier.Verify(set, converted));
        var total = compile.Elapsed + convert.Elapsed + verify.Elapsed;
        var totalCpu = compile.Cpu + convert.Cpu + verify.Cpu;

        output.WriteLine($"  compile+index policies : {Format(compile)}");
        output.WriteLine($"  convert traffic->flows : {Format(convert)}");
        output.WriteLine($"  evaluate flows         : {Format(verify)}  ({converted.Flows.Count / verify.Elapsed.TotalSeconds:N0} flows/s; {result.Denied.Count:N0} denied)");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  verify total           : {total.TotalSeconds:F2} s wall, {totalCpu.TotalSeconds:F2} s CPU (target < 5 s: {(total.TotalSeconds < 5 ? "met" : "NOT met")}; the machine is shared, so CPU time is the steadier figure)"));
        output.WriteLine($"  load average now       : {LoadAverage()}");
        // The same replay again: the first run includes JIT warm-up (tiered compilation), as a CLI run does.
        var (_, warm) = Measure(() => FlowVerifier.Verify(set, converted));
        output.WriteLine($"  evaluate flows, warm   : {Format(warm)}  ({converted.Flows.Count / warm.Elapsed.TotalSeconds:N0} flows/s)");
        var flowList = converted.Flows.Select(f => f.Flow).ToArray();
        var (allowedCount, verdictsOnly) = Measure(() => flowList.Count(set.IsAllowed));
        output.WriteLine($"  IsAllowed only, warm   : {Format(verdictsOnly)}  ({flowList.Length / verdictsOnly.Elapsed.TotalSeconds:N0} flows/s; {allowedCount:N0} allowed)");
        output.WriteLine($"  peak working set       : {Environment.WorkingSet / (1024.0 * 1024):N0} MiB (process, after the run)");

        // The same flows evaluated by scanning every policy, on a sample: how much the index saves.
        var sample = converted.Flows.Take(2_000).Select(f => f.Flow).ToList();
        var naive = Stopwatch.StartNew();
        var naiveDenied = sample.Count(f => !ScanEveryPolicy(set, f));
        naive.Stop();
        var indexed = Stopwatch.StartNew();
        var indexedDenied = sample.Count(f => !set.Evaluate(f).Allowed);
        indexed.Stop();
        var ratio = naive.Elapsed.TotalMilliseconds / Math.Max(indexed.Elapsed.TotalMilliseconds, 0.001);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  scan of every policy   : {naive.Elapsed.TotalMilliseconds / sample.Count * 1000:F1} us/flow vs indexed {indexed.Elapsed.TotalMilliseconds / sample.Count * 1000:F2} us/flow: index is {ratio:F0}x faster (same verdicts: {naiveDenied == indexedDenied})"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "unknown";

    // What an unindexed evaluator does: test every policy's selector for both ends of the flow.
    private static bool ScanEveryPolicy(PolicySet set, Flow flow)
    {
        var filtered = new PolicySet(set.Policies.Where(p =>
            (flow.Source.Pod is { } s && s.Namespace == p.Namespace && LabelSelectorMatcher.Matches(p.PodSelector, s.Labels))
            || (flow.Destination.Pod is { } d && d.Namespace == p.Namespace && LabelSelectorMatcher.Matches(p.PodSelector, d.Labels))));
        return filtered.Evaluate(flow).Allowed;
    }

    private static (T Result, Measurement Measurement) Measure<T>(Func<T> action)
    {
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = action();
        watch.Stop();
        return (result, new Measurement(
            watch.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - cpu,
            GC.GetTotalAllocatedBytes(precise: true) - allocated));
    }

    private static string Format(Measurement m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Elapsed.TotalMilliseconds,7:F0} ms wall, {m.Cpu.TotalMilliseconds,7:F0} ms CPU, {m.Allocated / (1024.0 * 1024),5:F0} MiB allocated");

    private readonly record struct Measurement(TimeSpan Elapsed, TimeSpan Cpu, long Allocated);
}
