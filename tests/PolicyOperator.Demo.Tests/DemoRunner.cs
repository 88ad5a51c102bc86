using System.Diagnostics;
using System.Text.RegularExpressions;
using PolicyOperator.Testing;

namespace PolicyOperator.Demo.Tests;

/// <summary>Runs the demo executable (the apphost beside the tests, with policyctl beside it) as make demo does.</summary>
internal sealed partial class DemoRunner : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("demo-run-");

    /// <summary>Where the demo writes its files.</summary>
    public string Output => Path.Combine(_work.FullName, "out");

    /// <summary>Where the runs record what they create.</summary>
    public string Records => Path.Combine(_work.FullName, "records");

    /// <summary>The demo's command line (output and records in this runner's directory).</summary>
    public IReadOnlyList<string> Arguments(int trafficSeconds) =>
        ["--out", Output, "--traffic-seconds", trafficSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--run-records", Records];

    /// <summary>Runs the demo to its end; five minutes at most (a loaded CI machine is slow, a hang is not).</summary>
    public async Task<CommandResult> RunAsync(int trafficSeconds)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await ProcessRunner.RunAsync(Executable, Arguments(trafficSeconds), cancellationToken: limit.Token);
    }

    /// <summary>Starts the demo; the caller reads its output and ends it.</summary>
    public Process Start(int trafficSeconds) => ProcessRunner.Start(Executable, Arguments(trafficSeconds), redirectInput: true);

    /// <summary>The test cluster id the demo printed.</summary>
    public static string ClusterId(string output) =>
        ClusterIdLine().Match(output) is { Success: true } match ? match.Groups["id"].Value : throw new InvalidOperationException($"no cluster id in:\n{output}");

    public void Dispose() => _work.Delete(recursive: true);

    private static string Executable => Path.Combine(AppContext.BaseDirectory, "PolicyOperator.Demo");

    [GeneratedRegex(@"test cluster (?<id>[0-9a-z]+):")]
    private static partial Regex ClusterIdLine();
}
