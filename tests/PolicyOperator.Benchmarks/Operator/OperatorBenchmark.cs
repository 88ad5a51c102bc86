using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers;
using PolicyOperator.Controllers.Hosting;
using PolicyOperator.Controllers.Metrics;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Runtime.Hosting;
using PolicyOperator.Testing;

namespace PolicyOperator.Benchmarks.Operator;

/// <summary>
/// The operator issue's benchmark: 10,000 ObservedTraffic objects (two nodes per workload) over 5,000
/// workloads in 50 namespaces, already in the API server when the operator starts; the time until every
/// workload's proposal has been reconciled (written with its status), and the operator's memory. The
/// test API server runs as a separate process so that the figures are the operator's alone; the client's
/// rate limit is off (with the default 50 requests/s, three requests per new proposal set a floor of ~5 min).
/// </summary>
internal static class OperatorBenchmark
{
    public const string Name = "operator";
    private const int Workloads = 5_000;
    private const int Namespaces = 50;

    public static async Task RunAsync(TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("policyoperator-bench-");
        var kubeconfig = Path.Combine(directory.FullName, "kubeconfig");
        var port = FreePort();
        using var server = ProcessRunner.Start(
            "dotnet",
            [ApiServerAssembly(), "--port", port.ToString(CultureInfo.InvariantCulture), "--apply", RepositoryPaths.InRepository("crds"), "--kubeconfig", kubeconfig],
            redirectInput: false);
        _ = server.StandardOutput.ReadToEndAsync();
        _ = server.StandardError.ReadToEndAsync();
        try
        {
            var configuration = new KubernetesClientConfiguration { Server = new Uri($"http://127.0.0.1:{port}/"), BearerToken = "bench" };
            var clientOptions = new KubernetesClientOptions { Resilience = new() { RateLimitPerSecond = null } };
            using var writer = new KubernetesClient(configuration, clientOptions);
            await WaitForServerAsync(writer);
            var load = Stopwatch.StartNew();
            await LoadAsync(writer);
            output.WriteLine($"operator: {Workloads * 2:N0} ObservedTraffic over {Workloads:N0} workloads in {Namespaces} namespaces loaded in {load.Elapsed.TotalSeconds:F1} s (test API server in its own process)");

            GC.Collect();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services
                .AddSingleton(_ => new KubernetesClient(configuration, clientOptions))
                .AddOperatorRuntime(new OperatorRuntimeOptions())
                .AddPolicyOperatorControllers(new OperatorOptions { Mode = GeneratorMode.Propose, Workers = 4, Identity = "bench" });
            using var host = builder.Build();
            var metrics = host.Services.GetRequiredService<OperatorMetrics>();
            var clock = Stopwatch.StartNew();
            await host.StartAsync();
            var peakHeap = 0L;
            while (metrics.Proposals < Workloads)
            {
                await Task.Delay(100);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                if (clock.Elapsed > TimeSpan.FromMinutes(20))
                {
                    output.WriteLine($"operator: gave up after 20 min with {metrics.Proposals:N0} of {Workloads:N0} proposals reconciled");
                    break;
                }
            }

            var elapsed = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var settled = GC.GetTotalMemory(forceFullCollection: true);
            output.WriteLine($"{"proposals",10} {"wall s",8} {"cpu s",8} {"per s",8} {"heap MiB",9} {"peak heap",10} {"peak WS MiB",12}");
            output.WriteLine($"{metrics.Proposals,10:N0} {elapsed.TotalSeconds,8:F1} {cpu.TotalSeconds,8:F1} {metrics.Proposals / elapsed.TotalSeconds,8:F0} {settled / 1048576.0,9:F0} {peakHeap / 1048576.0,10:F0} {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,12:F0}");
            output.WriteLine("wall s: operator start (lists included) until every proposal was written with its status; 4 workers; cpu s: this process (the operator; the API server is apart).");
            output.WriteLine("heap MiB: managed heap after a full GC with everything cached; peak WS: this process's peak working set.");
            await host.StopAsync();
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }

            directory.Delete(recursive: true);
        }
    }

    private static async Task LoadAsync(KubernetesClient client)
    {
        for (var n = 0; n < Namespaces; n++)
        {
            await client.Namespaces.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = $"ns{n}" } }, CancellationToken.None);
        }

        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        WorkloadReference Workload(int i) => new()
        {
            Kind = "Deployment",
            Name = $"w{i}",
            Namespace = $"ns{i % Namespaces}",
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = $"w{i}" } },
        };
        TrafficEntry Entry(WorkloadReference peer, int port) => new()
        {
            Peer = new TrafficPeer { Type = PeerType.Workload, Workload = peer },
            Protocol = "TCP",
            Port = port,
            Connections = 3,
            FirstSeen = start,
            LastSeen = start.AddMinutes(5),
        };
        ObservedTraffic Observed(int i, int node) => new()
        {
            Metadata = new ObjectMeta { Name = $"w{i}-n{node}", Namespace = $"ns{i % Namespaces}" },
            Spec = new ObservedTrafficSpec
            {
                Node = $"n{node}",
                Workload = Workload(i),
                Window = new ObservationWindow { Start = start, End = start.AddMinutes(10) },
                // Each workload calls the next one (same namespace: i + 50) and is called by the previous one.
                Egress = node == 0 ? [Entry(Workload((i + Namespaces) % Workloads), 8080)] : [],
                Ingress = node == 1 ? [Entry(Workload((i - Namespaces + Workloads) % Workloads), 8080)] : [],
            },
        };

        await Parallel.ForEachAsync(
            Enumerable.Range(0, Workloads).SelectMany(i => new[] { (i, 0), (i, 1) }),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, token) => await client.ObservedTraffics.CreateAsync(Observed(item.Item1, item.Item2), token));
    }

    private static async Task WaitForServerAsync(KubernetesClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.Namespaces.ListAsync(null, null, CancellationToken.None);
                return;
            }
            catch (Exception) when (attempt < 300)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The test API server's build output beside this one's (artifacts/bin/&lt;project&gt;/&lt;configuration&gt;).</summary>
    private static string ApiServerAssembly()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(own.Parent!.Parent!.FullName, "PolicyOperator.TestApiServer", own.Name, "PolicyOperator.TestApiServer.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
