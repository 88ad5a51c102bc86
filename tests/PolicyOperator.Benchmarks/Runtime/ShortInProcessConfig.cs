using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PolicyOperator.Benchmarks.Runtime;

/// <summary>
/// A short job run in this process: BenchmarkDotNet's default rebuilds the whole project graph in a
/// generated project, which takes minutes on a small build machine.
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(6));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
