using BenchmarkDotNet.Running;
using PolicyOperator.Benchmarks.Evaluator;
using PolicyOperator.Benchmarks.Reporting;
using PolicyOperator.Benchmarks.Synthesis;

// `make bench` runs the custom-harness suites, then every BenchmarkDotNet benchmark in this assembly.
// `--suite <name>` runs one suite only; other arguments go to BenchmarkDotNet.
var suites = new Dictionary<string, Func<TextWriter, int>>(StringComparer.OrdinalIgnoreCase)
{
    [SynthesisBenchmark.Name] = SynthesisBenchmark.Run,
    ["evaluator"] = output =>
    {
        EvaluatorBenchmark.Run(output);
        return 0;
    },
    [ReportBenchmark.Name] = ReportBenchmark.Run,
};

var suiteIndex = Array.IndexOf(args, "--suite");
if (suiteIndex >= 0)
{
    var name = suiteIndex + 1 < args.Length ? args[suiteIndex + 1] : string.Empty;
    if (!suites.TryGetValue(name, out var suite))
    {
        Console.Error.WriteLine($"unknown suite '{name}'; suites: {string.Join(", ", suites.Keys)}");
        return 2;
    }

    return suite(Console.Out);
}

foreach (var suite in suites.Values)
{
    suite(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
