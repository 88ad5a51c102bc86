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
using PolicyOperator.Runtime.Hosting;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.LeaderElection;

namespace PolicyOperator.Operator.Tests.Support;

/// <summary>One operator replica wired as the executable wires it, in this process, against a test API server.</summary>
public sealed class OperatorReplica : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OperatorReplica(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address };
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public bool Stopping => _app.Lifetime.ApplicationStopping.IsCancellationRequested;

    public LeaderElector? Elector => _app.Services.GetService<LeaderElector>();

    public static async Task<OperatorReplica> StartAsync(Func<KubernetesClient> connect, OperatorOptions options, TimeProvider? clock = null, LeaderElectionOptions? leaderElection = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services
            .AddSingleton(_ => connect())
            .AddOperatorRuntime(new OperatorRuntimeOptions { LeaderElection = leaderElection })
            .AddPolicyOperatorControllers(options, new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) });
        var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new OperatorReplica(app, address);
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
