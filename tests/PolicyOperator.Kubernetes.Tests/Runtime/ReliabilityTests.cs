using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Resilience;
using PolicyOperator.Runtime.Hosting;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

/// <summary>The reliability cases, end to end: a replica of the operator against the loopback API server.</summary>
public sealed class ReliabilityTests : IAsyncLifetime
{
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
    public async Task Concurrent_read_modify_writes_converge_through_retry_on_conflict()
    {
        await Widgets.CreateAsync(Widget.Named("shared"), CancellationToken.None);
        var writers = Enumerable.Range(0, 4).Select(_ => _server.CreateClient(WidgetJson.ClientOptions())).ToArray();

        await Task.WhenAll(writers.Select(client => Task.Run(async () =>
        {
            var widgets = client.Resource<Widget>(Widget.Resource);
            for (var i = 0; i < 10; i++)
            {
                await RetryOnConflict.ExecuteAsync(
                    async token =>
                    {
                        var current = await widgets.GetAsync("shared", "default", token);
                        return await widgets.UpdateAsync(current with { Spec = current.Spec with { Counter = current.Spec.Counter + 1 } }, token);
                    },
                    CancellationToken.None,
                    attempts: 100);
            }
        })));

        (await Widgets.GetAsync("shared", "default", CancellationToken.None)).Spec.Counter.Should().Be(40, "no increment was lost to a conflict");
        _server.Conflicts.Should().BeGreaterThan(0, "the writers did collide, and retrying resolved it");
        foreach (var client in writers)
        {
            client.Dispose();
        }
    }

    /// <summary>The genuine 30 s case runs on the shared test API server (SharedServer/OutageTests).</summary>
    [Fact]
    public async Task A_short_outage_is_survived_and_work_resumes()
    {
        await SurviveOutageAsync(TimeSpan.FromSeconds(3));
    }

    private async Task SurviveOutageAsync(TimeSpan outage)
    {
        var script = new ReconcileScript();
        await Widgets.CreateAsync(Widget.Named("before"), CancellationToken.None);
        // Production backoff caps at 30 s; 2 s here so the test does not wait a whole cap after the outage.
        await using var replica = await OperatorUnderTest.StartAsync(
            _server,
            script,
            informerOptions: new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(2) });
        await Eventually.TrueAsync(() => script.Count("before") == 1, "the first widget is reconciled", TimeSpan.FromSeconds(10));
        var requestsBefore = _server.Requests;

        _server.BeginOutage();
        await Task.Delay(outage);
        var requestsDuringOutage = _server.Requests - requestsBefore;
        _server.EndOutage();
        await Widgets.CreateAsync(Widget.Named("after"), CancellationToken.None);
        var before = await Widgets.GetAsync("before", "default", CancellationToken.None);
        await Widgets.UpdateAsync(before with { Spec = before.Spec with { Size = 2 } }, CancellationToken.None);

        await Eventually.TrueAsync(() => script.Count("after") == 1 && script.Count("before") == 2, "work resumes after the outage", TimeSpan.FromSeconds(15));
        requestsDuringOutage.Should().BeGreaterThan(1, "the informer kept retrying during the outage");
        replica.Services.GetRequiredService<OperatorHealth>().IsLive.Should().BeTrue();
        replica.Stopping.Should().BeFalse();
    }
}
