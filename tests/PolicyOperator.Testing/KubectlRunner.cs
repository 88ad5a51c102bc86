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

    public async Task<CommandResult> RunAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await ProcessRunner.RunAsync(
                "kubectl",
                ["--kubeconfig", _kubeconfig, "--cache-dir", Path.Combine(_home.FullName, "cache"), .. args],
                environment: new Dictionary<string, string?> { ["HOME"] = _home.FullName, ["KUBECONFIG"] = null },
                cancellationToken: timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in {Timeout}");
        }
    }

    /// <summary>Runs kubectl and fails with its output unless it succeeds.</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        return result.Succeeded
            ? result.Stdout
            : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: exit {result.ExitCode}\n--- stdout\n{result.Stdout}\n--- stderr\n{result.Stderr}");
    }

    public void Dispose() => _home.Delete(recursive: true);
}
