using BenchmarkDotNet.Running;
using PolicyOperator.Benchmarks.Sensor;

// The sensor benchmarks start this executable again inside test pods as their load generator.
if (PodLoadGenerator.TryRun(args, out var exitCode))
{
    return exitCode;
}

// `make bench` runs every benchmark in this assembly; pass BenchmarkDotNet arguments to filter.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// The sensor's overhead and cost need the kernel and real pods: a harness of its own, with the
// figures measured side by side in one run.
if (SensorHarness.IsSelected(args))
{
    await SensorHarness.RunAsync(Console.Out, CancellationToken.None);
}

return 0;
