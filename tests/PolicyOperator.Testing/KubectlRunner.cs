using System.Diagnostics;

namespace PolicyOperator.Testing;

/// <summary>
/// Runs the real kubectl against an API server with a kubeconfig and caches in a temp
/// directory of its own (HOME too, so nothing of the machine's kubectl set-up is used or changed).
/// </summary>
public sealed class KubectlRunner : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("kubectl-test-");
    private readonly string _kubeconfig;

    /// <param name="writeKubeconfig">Writes a kubeconfig for the server to the path given and returns it
    /// (for the test API server: <c>new KubectlRunner(path => server.WriteKubeconfig(path))</c>).</param>
    public KubectlRunner(Func<string, string> writeKubeconfig)
    {
        _kubeconfig = writeKubeconfig(Path.Combine(_home.FullName, "kubeconfig"));
    }

    public string Home => _home.FullName;

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        psi.Environment["HOME"] = _home.FullName;
        psi.Environment.Remove("KUBECONFIG");
        foreach (var arg in new[] { "--kubeconfig", _kubeconfig, "--cache-dir", Path.Combine(_home.FullName, "cache") }.Concat(args))
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("kubectl did not start (it is expected on PATH)");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in {Timeout}");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs kubectl and fails with its output unless it succeeds.</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {result}");
    }

    public void Dispose() => _home.Delete(recursive: true);
}
