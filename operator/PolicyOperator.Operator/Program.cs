using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyOperator.Controllers;
using PolicyOperator.Controllers.Hosting;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Operator;
using PolicyOperator.Runtime.Hosting;
using PolicyOperator.Runtime.LeaderElection;

// The controller manager: flags as the chart passes them, the Kubernetes client from a kubeconfig or
// the pod's service account, the proposal controller, leader election, /metrics, /healthz, /readyz.
OperatorFlags flags;
try
{
    flags = OperatorFlags.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"policy-operator: {e.Message}\n{OperatorFlags.Usage}");
    return 2;
}

KubernetesClientConfiguration configuration;
try
{
    configuration = flags.Kubeconfig is { } path ? KubeConfigLoader.Load(path) : KubernetesClientConfiguration.FromEnvironment();
}
catch (Exception e) when (e is KubeConfigException or IOException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"policy-operator: no API server configuration: {e.Message}");
    return 2;
}

var ns = Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } podNamespace ? podNamespace : configuration.Namespace;
var identity = Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } podName ? podName : $"{Environment.MachineName}-{Environment.ProcessId}";
var options = new OperatorOptions
{
    Mode = flags.Mode,
    OperatorNamespace = ns,
    Identity = identity,
    Workers = flags.Workers,
    ResyncPeriod = flags.ResyncPeriod,
};

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
if (flags.LogFormat == "json")
{
    builder.Logging.AddJsonConsole(json => json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
}
else
{
    builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
}

builder.WebHost.UseKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Any, flags.HealthPort);
    if (flags.MetricsPort != flags.HealthPort || flags.MetricsPort == 0)
    {
        kestrel.Listen(IPAddress.Any, flags.MetricsPort);
    }
});
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(25));
builder.Services
    .AddSingleton(provider => new KubernetesClient(
        configuration,
        new KubernetesClientOptions { Resilience = new() { RateLimitPerSecond = flags.KubeApiQps > 0 ? flags.KubeApiQps : null } },
        provider.GetRequiredService<ILogger<KubernetesClient>>()))
    .AddOperatorRuntime(new OperatorRuntimeOptions
    {
        LeaderElection = flags.LeaderElect
            ? new LeaderElectionOptions
            {
                LeaseName = flags.LeaseName,
                LeaseNamespace = ns,
                Identity = identity,
                LeaseDuration = flags.LeaseDuration,
                RenewDeadline = flags.RenewDeadline,
                RetryPeriod = flags.RetryPeriod,
            }
            : null,
    })
    .AddPolicyOperatorControllers(options);

var app = builder.Build();
app.MapOperatorEndpoints();
var startup = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("policy-operator");
await app.StartAsync();
var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
#pragma warning disable CA1848 // one start-up line; not a hot path
startup.LogInformation("policy-operator started: mode {Mode}, leader election {LeaderElect}, namespace {Namespace}, identity {Identity}, listening on {Addresses}", flags.Mode, flags.LeaderElect, ns, identity, string.Join(", ", addresses));
#pragma warning restore CA1848
if (flags.AddressFile is { } addressFile)
{
    await File.WriteAllLinesAsync(addressFile, addresses);
}

await app.WaitForShutdownAsync();
return 0;
