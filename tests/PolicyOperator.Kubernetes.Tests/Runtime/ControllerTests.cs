using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Metrics;
using PolicyOperator.Runtime.Queue;
using PolicyOperator.Runtime.Reconciliation;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

public sealed class ControllerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop = new();
    private readonly ReconcileScript _script = new();
    private readonly MetricsRegistry _metrics = new();
    private InMemoryApiServer _server = null!;
    private KubernetesClient _client = null!;
    private ServiceProvider _services = null!;

    private ResourceClient<Widget> Widgets => _client.Resource<Widget>(Widget.Resource);

    public async Task InitializeAsync()
    {
        _server = await InMemoryApiServer.StartAsync();
        _client = _server.CreateClient(WidgetJson.ClientOptions());
        _services = new ServiceCollection().AddSingleton(_script).AddScoped<IReconciler<Widget>, ScriptedReconciler<Widget>>().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _services.DisposeAsync();
        _client.Dispose();
        await _server.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task Every_object_is_reconciled_by_key_and_a_status_only_update_is_skipped()
    {
        await Widgets.CreateAsync(Widget.Named("listed"), CancellationToken.None);
        var (controller, _) = Start();
        var created = await Widgets.CreateAsync(Widget.Named("created"), CancellationToken.None);
        await Eventually.TrueAsync(() => _script.Count("listed") == 1 && _script.Count("created") == 1, "both objects are reconciled", Wait);

        // Writing status leaves metadata.generation alone: no reconcile. Changing spec bumps it: one.
        var withStatus = await Widgets.UpdateStatusAsync(created with { Status = new WidgetStatus { ObservedSize = 1 } }, CancellationToken.None);
        await Widgets.UpdateAsync(withStatus with { Spec = withStatus.Spec with { Size = 9 } }, CancellationToken.None);
        await Eventually.TrueAsync(() => _script.Count("created") == 2, "the spec change is reconciled", Wait);
        await Task.Delay(300);

        _script.Count("created").Should().Be(2, "the status-only update was skipped");
        _script.Reconciled.Should().Contain(new ObjectKey("default", "listed"));
        controller.Queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_deleted_object_is_reconciled_so_that_its_owned_state_can_be_cleaned_up()
    {
        await Widgets.CreateAsync(Widget.Named("doomed"), CancellationToken.None);
        Start();
        await Eventually.TrueAsync(() => _script.Count("doomed") == 1, "the object is reconciled", Wait);

        await Widgets.DeleteAsync("doomed", "default", CancellationToken.None);

        await Eventually.TrueAsync(() => _script.Count("doomed") == 2, "the deletion is reconciled", Wait);
    }

    [Fact]
    public async Task A_failing_reconcile_is_retried_with_backoff_until_it_succeeds()
    {
        _script.FailuresLeft["flaky"] = 3;
        await Widgets.CreateAsync(Widget.Named("flaky"), CancellationToken.None);
        var (controller, _) = Start();

        await Eventually.TrueAsync(() => _script.Count("flaky") == 1, "the reconcile succeeds after three failures", Wait);

        _script.FailuresLeft["flaky"].Should().Be(0);
        controller.Queue.Requeues(new ObjectKey("default", "flaky")).Should().Be(0, "success forgets the backoff");
        _metrics.Render().Should().Contain("controller_reconcile_total{controller=\"widgets\",result=\"error\"} 3")
            .And.Contain("controller_reconcile_total{controller=\"widgets\",result=\"success\"} 1");
    }

    [Fact]
    public async Task A_requeue_after_result_reconciles_the_key_again_without_a_change()
    {
        _script.RequeueAfter = TimeSpan.FromMilliseconds(100);
        await Widgets.CreateAsync(Widget.Named("polled"), CancellationToken.None);
        Start();

        await Eventually.TrueAsync(() => _script.Count("polled") >= 3, "the key is reconciled again and again", Wait);
    }

    [Fact]
    public async Task Several_workers_share_the_keys_but_never_reconcile_one_key_twice_at_once()
    {
        _script.Duration = TimeSpan.FromMilliseconds(20);
        for (var i = 0; i < 10; i++)
        {
            await Widgets.CreateAsync(Widget.Named($"w{i}"), CancellationToken.None);
        }

        var (controller, _) = Start(new ControllerOptions { Workers = 4 });
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 10; i++)
            {
                // Reconcile requests for keys possibly being reconciled right now.
                controller.Queue.Add(new ObjectKey("default", $"w{i}"));
            }

            await Task.Delay(15);
        }

        await Eventually.TrueAsync(() => controller.Queue.Count == 0 && controller.Queue.Processing == 0, "the queue drains", Wait);
        _script.Overlaps.Should().Be(0);
        Enumerable.Range(0, 10).Should().OnlyContain(i => _script.Count($"w{i}") >= 1);
    }

    [Fact]
    public async Task Stopping_lets_a_running_reconcile_finish_instead_of_cancelling_it()
    {
        _script.Duration = TimeSpan.FromSeconds(1);
        var (_, run) = Start(new ControllerOptions { ShutdownTimeout = TimeSpan.FromSeconds(5) });
        await Widgets.CreateAsync(Widget.Named("slow"), CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref _script.Started) == 1, "the reconcile begins", Wait);

        await _stop.CancelAsync();
        await run.WaitAsync(Wait);

        _script.Count("slow").Should().Be(1, "the reconcile that was running when the controller stopped completed");
    }

    private (Controller<Widget> Controller, Task Run) Start(ControllerOptions? options = null)
    {
        var informer = new SharedInformer<Widget>("widgets", new ResourceListWatch<Widget>(Widgets, "default"), metrics: _metrics);
        var controller = new Controller<Widget>(
            "widgets",
            informer,
            _services.GetRequiredService<IServiceScopeFactory>(),
            (options ?? new ControllerOptions()) with { Queue = new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(20) } },
            metrics: _metrics);
        _ = informer.RunAsync(_stop.Token);
        return (controller, controller.RunAsync(_stop.Token));
    }
}
