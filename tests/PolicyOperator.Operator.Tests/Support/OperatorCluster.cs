using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;
using PolicyOperator.Kubernetes.Resilience;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;

namespace PolicyOperator.Operator.Tests.Support;

/// <summary>A test API server with the project's CRDs and a namespace <c>shop</c>, a client for the test's own writes, and helpers to read what the operator did.</summary>
public sealed class OperatorCluster : IAsyncDisposable
{
    private OperatorCluster(TestApiServer server)
    {
        Server = server;
        Client = Connect();
    }

    public TestApiServer Server { get; }

    /// <summary>The test's own client (not the operator's).</summary>
    public KubernetesClient Client { get; }

    public static async Task<OperatorCluster> StartAsync(params string[] namespaces)
    {
        var server = await TestApiServer.StartAsync(new TestApiServerOptions
        {
            Manifests = [RepositoryPaths.InRepository("crds")],
            BookmarkInterval = TimeSpan.FromMilliseconds(200),
        });
        var cluster = new OperatorCluster(server);
        foreach (var ns in namespaces.DefaultIfEmpty("shop").Append("policy-system"))
        {
            await cluster.Client.Namespaces.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = ns } }, CancellationToken.None);
        }

        return cluster;
    }

    /// <summary>Options for short tests: enforcing operator, fast resync.</summary>
    public static OperatorOptions Options(GeneratorMode mode = GeneratorMode.Enforce) => new()
    {
        Mode = mode,
        OperatorNamespace = "policy-system",
        ResyncPeriod = TimeSpan.FromMilliseconds(300),
        Identity = "test-replica",
    };

    public KubernetesClient Connect() => new(
        new KubernetesClientConfiguration { Server = Server.BaseAddress, BearerToken = "test" },
        new KubernetesClientOptions
        {
            Resilience = new KubernetesResilienceOptions
            {
                RetryBaseDelay = TimeSpan.FromMilliseconds(20),
                RetryMaxDelay = TimeSpan.FromSeconds(1),
                AttemptTimeout = TimeSpan.FromSeconds(20),
                RateLimitPerSecond = null,
                BreakDuration = TimeSpan.FromSeconds(1),
            },
        });

    public Task<OperatorReplica> StartReplicaAsync(OperatorOptions? options = null, TimeProvider? clock = null) =>
        OperatorReplica.StartAsync(Connect, options ?? Options(), clock);

    public Task<ObservedTraffic> AddAsync(ObservedTraffic traffic) => Client.ObservedTraffics.CreateAsync(traffic, CancellationToken.None);

    public async Task<NetworkPolicyProposal?> ProposalAsync(string name, string ns = "shop") =>
        await Client.NetworkPolicyProposals.FindAsync(name, ns, CancellationToken.None);

    public async Task<NetworkPolicy?> PolicyAsync(string name, string ns = "shop") =>
        await Client.NetworkPolicies.FindAsync(name, ns, CancellationToken.None);

    public Task<NetworkPolicyProposal> ProposalWhereAsync(string name, Func<NetworkPolicyProposal, bool> condition, string what, string ns = "shop") =>
        Eventually.ValueAsync(async () => (await ProposalAsync(name, ns))!, p => p is not null && condition(p), $"{ns}/{name}: {what}");

    /// <summary>Approves the current revision the way <c>kubectl annotate</c> does.</summary>
    public Task ApproveByAnnotationAsync(string name, string ns = "shop") => AnnotateAsync(name, NetworkPolicyProposal.ApprovedAnnotation, "true", ns);

    public Task AnnotateAsync(string name, string key, string value, string ns = "shop") =>
        Client.NetworkPolicyProposals.PatchAsync(
            name,
            ns,
            new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["annotations"] = new System.Text.Json.Nodes.JsonObject { [key] = value } } }.ToJsonString(),
            CancellationToken.None);

    public async Task<IReadOnlyList<Api.Events.Event>> EventsAsync(string ns = "shop") =>
        (await Client.Events.ListAsync(ns, null, CancellationToken.None)).Items;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
