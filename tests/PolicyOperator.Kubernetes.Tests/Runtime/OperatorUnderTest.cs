using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Tests.Client;
using PolicyOperator.Runtime.Hosting;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.LeaderElection;
using PolicyOperator.Runtime.Reconciliation;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

/// <summary>
/// One operator replica as the executable wires it: generic host, DI, Kestrel on loopback with the probe
/// and metrics endpoints, the controller manager with (optionally) leader election, one controller.
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

    /// <summary>A replica reconciling Widgets of the tests' in-memory server.</summary>
    public static Task<OperatorUnderTest> StartAsync(
        InMemoryApiServer server,
        ReconcileScript script,
        LeaderElectionOptions? leaderElection = null,
        InformerOptions? informerOptions = null) =>
        StartAsync<Widget>(() => server.CreateClient(WidgetJson.ClientOptions()), Widget.Resource, script, leaderElection, informerOptions);

    /// <summary>A replica reconciling objects of <paramref name="resource"/> in the default namespace, through the client <paramref name="createClient"/> makes.</summary>
    public static async Task<OperatorUnderTest> StartAsync<T>(
        Func<KubernetesClient> createClient,
        ResourceDescriptor resource,
        ReconcileScript script,
        LeaderElectionOptions? leaderElection = null,
        InformerOptions? informerOptions = null)
        where T : class, IKubernetesObject<ObjectMeta>
    {
        var builder = LoopbackKestrel.CreateBuilder();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services
            .AddSingleton(_ => createClient())
            .AddSingleton(script)
            .AddOperatorRuntime(new OperatorRuntimeOptions { LeaderElection = leaderElection })
            .AddInformer(resource.Plural, provider => new ResourceListWatch<T>(provider.GetRequiredService<KubernetesClient>().Resource<T>(resource), "default"), informerOptions)
            .AddController<T, ScriptedReconciler<T>>(resource.Plural, new ControllerOptions { Workers = 2 });
        var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();
        return new OperatorUnderTest(app, LoopbackKestrel.AddressOf(app));
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
