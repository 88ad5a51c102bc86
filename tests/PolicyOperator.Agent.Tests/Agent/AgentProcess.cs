using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PolicyOperator.Testing;

namespace PolicyOperator.Agent.Tests.Agent;

/// <summary>
/// The real <c>policy-agent</c> executable as a process: its output collected, its endpoints on free
/// loopback ports, stopped with SIGTERM (as the kubelet does) and killed if it lingers.
/// </summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private AgentProcess(Process process, int metricsPort, int healthPort)
    {
        _process = process;
        MetricsPort = metricsPort;
        HealthPort = healthPort;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int MetricsPort { get; }

    public int HealthPort { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    // The apphost beside the test assembly (the agent project is referenced).
    private static string AgentPath => Path.Combine(AppContext.BaseDirectory, "policy-agent");

    /// <summary>
    /// Starts the agent with <paramref name="args"/> plus the rest of the flags the chart passes (ports,
    /// a 1 s batch interval, JSON logs, the host's /proc), so every flag of the DaemonSet is exercised.
    /// </summary>
    public static AgentProcess Start(params string[] args)
    {
        var (metrics, health) = (FreePort(), FreePort());
        // A window of a year: a test running across an hour must not see its flows age out.
        var process = ProcessRunner.Start(
            AgentPath,
            [.. args, "--batch-interval", "1s", "--window", "8760h", "--metrics-port", $"{metrics}", "--health-port", $"{health}", "--log-format", "json", "--host-proc", "/proc"],
            redirectInput: false);
        return new AgentProcess(process, metrics, health);
    }

    /// <summary>Waits until /readyz answers 200 (the sensor attached, the caches synced, a round done).</summary>
    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"policy-agent exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{HealthPort}/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"policy-agent did not become ready:\n{Output}");
    }

    /// <summary>The /metrics page.</summary>
    public Task<string> MetricsAsync() => _http.GetStringAsync(new Uri($"http://127.0.0.1:{MetricsPort}/metrics"));

    /// <summary>Sends SIGTERM and waits for the exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", $"{_process.Id}"]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"policy-agent did not stop on SIGTERM:\n{Output}");
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
