using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Operator.Tests.Support;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Operator.Tests.EndToEnd;

/// <summary>The real <c>policy-operator</c> executable, started as a process with the chart's flags against the test API server.</summary>
public sealed class ExecutableTests
{
    private static string Executable => Path.Combine(AppContext.BaseDirectory, "policy-operator.dll");

    [Fact]
    public async Task The_executable_reconciles_with_the_charts_flags_serves_probes_and_metrics_logs_json_and_stops_cleanly()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var directory = Directory.CreateTempSubdirectory("policy-operator-test-");
        var kubeconfig = cluster.Server.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig"));
        var addressFile = Path.Combine(directory.FullName, "addresses");
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);

        using var process = ProcessRunner.Start(
            "dotnet",
            [Executable, "--mode=Propose", "--leader-elect=true", "--lease-duration=4s", "--renew-deadline=3s", "--retry-period=500ms",
             "--metrics-port=0", "--health-port=0", "--log-format=json", $"--kubeconfig={kubeconfig}", $"--address-file={addressFile}", "--resync-period=1s"],
            redirectInput: false,
            environment: new Dictionary<string, string?> { ["POD_NAMESPACE"] = "policy-system", ["POD_NAME"] = "operator-0", ["KUBECONFIG"] = null });
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "the executable proposes");
            await Eventually.TrueAsync(() => File.Exists(addressFile) && File.ReadAllLines(addressFile).Length >= 2, "the executable says where it listens");
            using var http = new HttpClient();
            var address = File.ReadAllLines(addressFile)[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
            (await http.GetAsync(new Uri(new Uri(address), "/healthz"))).IsSuccessStatusCode.Should().BeTrue();
            await Eventually.ValueAsync(async () => (await http.GetAsync(new Uri(new Uri(address), "/readyz"))).IsSuccessStatusCode, ok => ok, "ready once the caches synced");
            var metrics = await Eventually.ValueAsync(() => http.GetStringAsync(new Uri(new Uri(address), "/metrics")), m => m.Contains("policyoperator_proposals{phase=\"Proposed\"} 2", StringComparison.Ordinal), "both proposals counted");
            metrics.Should().Contain("controller_reconcile_total");
            (await cluster.Client.Leases.GetAsync("policy-operator", "policy-system", CancellationToken.None)).Spec.HolderIdentity.Should().Be("operator-0");
        }
        finally
        {
            if (!process.HasExited)
            {
                await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            directory.Delete(recursive: true);
        }

        process.ExitCode.Should().Be(0, await stderr);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotBeEmpty();
        foreach (var line in lines)
        {
            var act = () => JsonDocument.Parse(line).Dispose();
            act.Should().NotThrow($"every log line is JSON with --log-format=json: {line}");
        }

        lines.Should().Contain(l => l.Contains("policy-operator started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_flag_is_an_error_naming_it()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [Executable, "--mode=Sometimes"]);
        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--mode").And.Contain("Observe, Propose or Enforce");
    }
}
