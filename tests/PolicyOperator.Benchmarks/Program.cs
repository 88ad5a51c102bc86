using BenchmarkDotNet.Running;
using PolicyOperator.Benchmarks.Evaluator;
using PolicyOperator.Benchmarks.Reporting;
using PolicyOperator.Benchmarks.Synthesis;

// `make bench` runs the custom suites (Stopwatch harnesses, a minute or two), then every BenchmarkDotNet
// benchmark in this assembly. `--suite NAME` runs one custom suite only; other arguments go to BenchmarkDotNet.
var suites = new Dictionary<string, Action<TextWriter>>(StringComparer.Ordinal)
{
    ["evaluator"] = output => EvaluatorBenchmark.Run(output),
    [SynthesisBenchmark.Name] = output => SynthesisBenchmark.Run(output),
    [ReportBenchmark.Name] = output => ReportBenchmark.Run(output),
};

var suiteIndex = Array.IndexOf(args, "--suite");
if (suiteIndex >= 0 && suiteIndex + 1 < args.Length)
{
    if (!suites.TryGetValue(args[suiteIndex + 1], out var suite))
    {
        Console.Error.WriteLine($"unknown suite '{args[suiteIndex + 1]}'; known: {string.Join(", ", suites.Keys)}");
        return 2;
    }

    suite(Console.Out);
    return 0;
}

foreach (var suite in suites.Values)
{
    suite(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
