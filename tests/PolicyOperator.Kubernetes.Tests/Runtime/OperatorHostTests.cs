using System.Net;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Runtime.LeaderElection;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

public sealed class OperatorHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private InMemoryApiServer _server = null!;
    private KubernetesClient _writer = null!;

    private ResourceClient<Widget> Widgets => _writer.Resource<Widget>(Widget.Resource);

    public async Task InitializeAsync()
    {
        _server = await InMemoryApiServer.StartAsync();
        _writer = _server.CreateClient(WidgetJson.ClientOptions());
    }

    public async Task DisposeAsync()
    {
        _writer.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_operator_reconciles_and_serves_healthz_readyz_and_prometheus_metrics()
    {
        var script = new ReconcileScript();
        await Widgets.CreateAsync(Widget.Named("a"), CancellationToken.None);
        await using var replica = await OperatorUnderTest.StartAsync(_server, script);

        await Eventually.TrueAsync(() => script.Count("a") == 1, "the widget is reconciled", Wait);
        var healthz = await replica.Http.GetAsync("/healthz");
        var readyz = await replica.Http.GetAsync("/readyz");
        var metrics = await replica.Http.GetAsync("/metrics");

        healthz.StatusCode.Should().Be(HttpStatusCode.OK);
        readyz.StatusCode.Should().Be(HttpStatusCode.OK);
        (await readyz.Content.ReadAsStringAsync()).Should().Contain("ok");
        metrics.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        var text = await metrics.Content.ReadAsStringAsync();
        text.Should().Contain("# TYPE controller_reconcile_total counter")
            .And.Contain("controller_reconcile_total{controller=\"widgets\",result=\"success\"} 1")
            .And.Contain("# TYPE controller_reconcile_duration_seconds histogram")
            .And.Contain("informer_cache_objects{informer=\"widgets\"} 1");
    }

    [Fact]
    public async Task Readyz_is_503_until_the_caches_synced()
    {
        _server.BeginOutage();
        await using var replica = await OperatorUnderTest.StartAsync(_server, new ReconcileScript());

        var notReady = await replica.Http.GetAsync("/readyz");
        _server.EndOutage();

        notReady.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await notReady.Content.ReadAsStringAsync()).Should().Contain("waiting for caches: widgets");
        (await replica.Http.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually.TrueAsync(() => replica.Http.GetAsync("/readyz").Result.StatusCode == HttpStatusCode.OK, "ready once synced", Wait);
    }

    [Fact]
    public async Task Of_two_operator_replicas_one_reconciles_and_the_other_takes_over_when_it_shuts_down()
    {
        var scriptA = new ReconcileScript();
        var scriptB = new ReconcileScript();
        await using var a = await OperatorUnderTest.StartAsync(_server, scriptA, Election("a"));
        await using var b = await OperatorUnderTest.StartAsync(_server, scriptB, Election("b"));
        await Widgets.CreateAsync(Widget.Named("first"), CancellationToken.None);
        await Eventually.TrueAsync(() => scriptA.Count("first") + scriptB.Count("first") == 1, "the leader reconciles", Wait);
        var (leader, standby, standbyScript) = scriptA.Count("first") == 1 ? (a, b, scriptB) : (b, a, scriptA);
        leader.Services.GetRequiredService<LeaderElector>().IsLeader.Should().BeTrue();
        standby.Services.GetRequiredService<LeaderElector>().IsLeader.Should().BeFalse();
        (await standby.Http.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK, "a standby is ready to take over");

        await leader.StopAsync();
        await Widgets.CreateAsync(Widget.Named("second"), CancellationToken.None);

        await Eventually.TrueAsync(() => standbyScript.Count("second") == 1, "the new leader reconciles", Wait);
        _server.Get("leases", "default", "policy-operator")!["spec"]!["holderIdentity"]!.GetValue<string>()
            .Should().Be(standby.Services.GetRequiredService<LeaderElector>().Identity);
    }

    [Fact]
    public async Task A_leader_that_loses_its_lease_stops_the_application()
    {
        await using var replica = await OperatorUnderTest.StartAsync(_server, new ReconcileScript(), Election("a"));
        await Eventually.TrueAsync(() => replica.Services.GetRequiredService<LeaderElector>().IsLeader, "it leads", Wait);

        _server.BeginOutage();

        await Eventually.TrueAsync(() => replica.Stopping, "the application stops so that a fresh pod campaigns", Wait);
        var health = replica.Services.GetRequiredService<PolicyOperator.Runtime.Hosting.OperatorHealth>();
        health.IsLive.Should().BeFalse();
        health.Describe().Should().Contain("lost the leader lease");
        _server.EndOutage();
    }

    private static LeaderElectionOptions Election(string identity) => new()
    {
        LeaseName = "policy-operator",
        LeaseNamespace = "default",
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1.5),
        RetryPeriod = TimeSpan.FromMilliseconds(250),
    };
}
