using BenchmarkDotNet.Running;
using PolicyOperator.Benchmarks.Agent;
using PolicyOperator.Benchmarks.Evaluator;
using PolicyOperator.Benchmarks.Operator;
using PolicyOperator.Benchmarks.Reporting;
using PolicyOperator.Benchmarks.Sensor;
using PolicyOperator.Benchmarks.Synthesis;

// The sensor benchmarks start this executable again inside test pods as their load generator.
if (PodLoadGenerator.TryRun(args, out var exitCode))
{
    return exitCode;
}

// `make bench` runs the custom suites (Stopwatch harnesses, a minute or two each), then every
// BenchmarkDotNet benchmark in this assembly, then the sensor harness (real kernel, real pods).
// `--suite NAME` runs one custom suite only (`--pairs N` sets the sensor's attached phases per
// overhead measurement); other arguments go to BenchmarkDotNet.
var suites = new Dictionary<string, Func<TextWriter, Task>>(StringComparer.Ordinal)
{
    ["evaluator"] = output => Synchronous(() => EvaluatorBenchmark.Run(output)),
    [SynthesisBenchmark.Name] = output => Synchronous(() => SynthesisBenchmark.Run(output)),
    [ReportBenchmark.Name] = output => Synchronous(() => ReportBenchmark.Run(output)),
    ["sensor"] = output => SensorHarness.RunAsync(output, SensorHarness.PairsFrom(args), CancellationToken.None),
    [OperatorBenchmark.Name] = OperatorBenchmark.RunAsync,
    [AgentBenchmark.Name] = AgentBenchmark.RunAsync,
};

var suiteIndex = Array.IndexOf(args, "--suite");
if (suiteIndex >= 0 && suiteIndex + 1 < args.Length)
{
    if (!suites.TryGetValue(args[suiteIndex + 1], out var suite))
    {
        Console.Error.WriteLine($"unknown suite '{args[suiteIndex + 1]}'; known: {string.Join(", ", suites.Keys)}");
        return 2;
    }

    await suite(Console.Out);
    return 0;
}

foreach (var name in new[] { "evaluator", SynthesisBenchmark.Name, ReportBenchmark.Name, AgentBenchmark.Name })
{
    await suites[name](Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(PodLoadGenerator).Assembly).Run(args);

// The sensor's overhead and cost need the kernel and real pods: measured side by side in one run.
if (SensorHarness.IsSelected(args))
{
    await suites["sensor"](Console.Out);
}

return 0;

static Task Synchronous(Action run)
{
    run();
    return Task.CompletedTask;
}
