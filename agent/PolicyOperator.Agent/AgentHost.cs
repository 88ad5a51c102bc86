using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Inventory;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.LibBpf;
using PolicyOperator.Observation;
using PolicyOperator.Observation.Attribution;
using PolicyOperator.Observation.Reporting;
using PolicyOperator.Runtime.Metrics;
using PolicyOperator.Sensor.Loading;

namespace PolicyOperator.Agent;

/// <summary>
/// The agent's run: endpoints up (/metrics, /healthz, /readyz), the sensor attached (maps pinned),
/// the cluster's caches synced (or the standalone inventory read), then a reporting round every
/// batch interval, and a last one at shutdown (SIGTERM, Ctrl-C).
/// </summary>
public static partial class AgentHost
{
    /// <summary>How long the last round at shutdown may take.</summary>
    private static readonly TimeSpan FinalRoundTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The least time one round's writes get (the batch interval when that is longer).</summary>
    private static readonly TimeSpan MinimumWriteTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or a stop signal arrives; returns the exit code.</summary>
    public static async Task<int> RunAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        if (options.LogFormat == "json")
        {
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenAnyIP(options.MetricsPort);
            if (options.HealthPort != options.MetricsPort || options.HealthPort == 0)
            {
                kestrel.ListenAnyIP(options.HealthPort);
            }
        });
        var registry = new MetricsRegistry();
        var metrics = new AgentMetrics(registry);
        var health = new AgentHealth();
        await using var app = builder.Build();
        app.MapGet("/metrics", () => Results.Text(registry.Render(), MetricsRegistry.ContentType));
        app.MapGet("/healthz", () => Probe(health.IsLive, health.Describe()));
        app.MapGet("/readyz", () => Probe(health.IsReady, health.Describe()));
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger("policy-agent");
        await app.StartAsync(stop.Token);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        LogStarted(logger, options.NodeName, options.Standalone ? "standalone" : "cluster", string.Join(" ", addresses));

        try
        {
            return await ObserveAsync(options, metrics, health, loggers, logger, stop.Token);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> ObserveAsync(
        AgentOptions options, AgentMetrics metrics, AgentHealth health, ILoggerFactory loggers, ILogger logger, CancellationToken stop)
    {
        health.Starting("attaching the sensor");
        LibBpfMessages.Silence(); // plain-text warnings would break JSON logs; the hook report below says what the kernel refused
        var session = ObservationSession.Start(new ObservationSessionOptions
        {
            Node = options.NodeName,
            HostProc = options.HostProc,
            Window = options.Window,
            Sensor = new SensorOptions { PinDirectory = options.PinDirectory },
        });
        await using (session)
        {
            LogSensor(logger, session.Sensor.Hooks.ToString());
            Func<InventorySnapshot?> inventory;
            IObservedTrafficSink sink;
            ApiServerSink? apiSink = null;
            Task informing = Task.CompletedTask;
            using var client = options.Standalone ? null : new KubernetesClient(
                options.Kubeconfig is { } path ? KubeConfigLoader.Load(path) : KubernetesClientConfiguration.FromEnvironment(), null, loggers.CreateLogger<KubernetesClient>());
            if (client is null)
            {
                var snapshot = options.Inventory.Count > 0
                    ? new InventorySnapshot((await new InventoryReader(new KubernetesDocumentReader()).ReadAsync(options.Inventory, stop)).Inventory)
                    : null;
                inventory = () => snapshot;
                sink = new FileSink(options.Output!);
            }
            else
            {
                var informers = new ClusterInformers(client, options.NodeName, loggers, metrics.Registry);
                informing = informers.RunAsync(stop);
                health.Starting("waiting for the caches to sync");
                await informers.WaitForSyncAsync(stop);
                inventory = informers.Snapshot;
                sink = apiSink = new ApiServerSink(client.ObservedTraffics, node: options.NodeName);
            }

            var writeTimeout = options.BatchInterval > MinimumWriteTimeout ? options.BatchInterval : MinimumWriteTimeout;
            var reporter = new ObservationReporter(session.Pipeline, session.Flows, inventory, sink, loggers.CreateLogger<ObservationReporter>(), writeTimeout, session.DnsQueries);
            using var timer = new PeriodicTimer(options.BatchInterval);
            try
            {
                do
                {
                    await RoundAsync(reporter, session, apiSink, metrics, health, stop);
                }
                while (await timer.WaitForNextTickAsync(stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // stopping: one more round below, so that the last interval is written
            }

            using var last = new CancellationTokenSource(FinalRoundTimeout);
            await RoundAsync(reporter, session, apiSink, metrics, health, last.Token);
            await informing.ContinueWith(_ => { }, TaskScheduler.Default);
            LogStopped(logger, reporter.Writes, reporter.Failures);
            return 0;
        }
    }

    private static async Task RoundAsync(
        ObservationReporter reporter, ObservationSession session, ApiServerSink? apiSink, AgentMetrics metrics, AgentHealth health, CancellationToken cancellationToken)
    {
        var written = await reporter.ReportOnceAsync(cancellationToken);
        var round = reporter.LastRound!;
        metrics.Update(round, session.Sensor.ReadDrops(), session.Cgroups.Misses, apiSink?.Writes ?? reporter.Writes, apiSink?.Bytes ?? 0, reporter.Failures, apiSink?.Unchanged ?? 0);
        health.Ready($"ok: {round.SensorFlows} flows, {round.Traffic.Count} objects{(written ? string.Empty : ", last write failed (kept for the next round)")}");
    }

    private static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true; // shut down in order: the last round is written first
        stop.Cancel();
    };

    private static IResult Probe(bool ok, string description) =>
        Results.Text(description, "text/plain; charset=utf-8", statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);

    [LoggerMessage(Level = LogLevel.Information, Message = "policy-agent on node {Node} ({Mode}), listening on {Addresses}")]
    private static partial void LogStarted(ILogger logger, string node, string mode, string addresses);

    [LoggerMessage(Level = LogLevel.Information, Message = "sensor attached: {Hooks}")]
    private static partial void LogSensor(ILogger logger, string hooks);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped after {Writes} rounds written, {Failures} failed")]
    private static partial void LogStopped(ILogger logger, long writes, long failures);
}
