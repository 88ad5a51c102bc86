using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Runtime.Hosting;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.LeaderElection;
using PolicyOperator.Runtime.Reconciliation;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

/// <summary>
/// One operator replica as the executable wires it: generic host, DI, Kestrel on loopback with the probe
/// and metrics endpoints, the controller manager with (optionally) leader election, a Widget controller.
/// </summary>
public sealed class OperatorUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OperatorUnderTest(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public bool Stopping => _app.Lifetime.ApplicationStopping.IsCancellationRequested;

    public static async Task<OperatorUnderTest> StartAsync(
        InMemoryApiServer server,
        ReconcileScript script,
        LeaderElectionOptions? leaderElection = null,
        InformerOptions? informerOptions = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services
            .AddSingleton(_ => server.CreateClient(WidgetJson.ClientOptions()))
            .AddSingleton(script)
            .AddOperatorRuntime(new OperatorRuntimeOptions { LeaderElection = leaderElection })
            .AddInformer("widgets", provider => new ResourceListWatch<Widget>(provider.GetRequiredService<KubernetesClient>().Resource<Widget>(Widget.Resource), "default"), informerOptions)
            .AddController<Widget, ScriptedReconciler>("widgets", new ControllerOptions { Workers = 2 });
        var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new OperatorUnderTest(app, address);
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
