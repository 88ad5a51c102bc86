using FluentAssertions;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Metrics;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

public sealed class SharedInformerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly InformerOptions FastBackoff = new() { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200) };
    private readonly CancellationTokenSource _stop = new();
    private InMemoryApiServer _server = null!;
    private KubernetesClient _client = null!;
    private KubernetesClient _writer = null!;

    /// <summary>The test's own writes go through a client of their own, as another process's would.</summary>
    private ResourceClient<Widget> Widgets => _writer.Resource<Widget>(Widget.Resource);

    public async Task InitializeAsync()
    {
        _server = await InMemoryApiServer.StartAsync();
        _client = _server.CreateClient(WidgetJson.ClientOptions());
        _writer = _server.CreateClient(WidgetJson.ClientOptions());
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        _writer.Dispose();
        await _server.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task The_informer_lists_then_follows_every_change_into_its_cache_and_handlers()
    {
        await Widgets.CreateAsync(Widget.Named("a"), CancellationToken.None);
        var (informer, handler, run) = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Wait);

        var b = await Widgets.CreateAsync(Widget.Named("b"), CancellationToken.None);
        await Widgets.UpdateAsync(b with { Spec = b.Spec with { Size = 5 } }, CancellationToken.None);
        await Widgets.DeleteAsync("a", "default", CancellationToken.None);

        await Eventually.TrueAsync(() => handler.Events.Count == 4, "four changes reach the handler", Wait);
        handler.Events.Should().Equal("added a", "added b", "updated b", "deleted a");
        informer.Cache.List().Should().ContainSingle().Which.Spec.Size.Should().Be(5);
        run.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task A_watch_dropped_mid_stream_loses_no_update()
    {
        var metrics = new MetricsRegistry();
        var (informer, _, _) = Start(metrics);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Wait);

        for (var i = 0; i < 50; i++)
        {
            await Widgets.CreateAsync(Widget.Named($"w{i}", size: i), CancellationToken.None);
            if (i % 10 == 5)
            {
                // Cut the stream while changes keep coming: the informer resumes from the last version it saw.
                _server.DropWatches();
            }
        }

        await Eventually.TrueAsync(() => informer.Cache.Count == 50, "all 50 objects reach the cache", Wait);
        informer.Cache.List().Select(w => w.Spec.Size).Should().BeEquivalentTo(Enumerable.Range(0, 50));
        informer.ResourceVersion.Should().Be(_server.Get("widgets", "default", "w49")!["metadata"]!["resourceVersion"]!.GetValue<string>());
        // One list only: every change after a drop came from a watch resumed at the last version seen.
        metrics.Render().Should().Contain("informer_lists_total{informer=\"widgets\"} 1");
    }

    [Fact]
    public async Task A_410_Gone_relists_and_reports_what_changed_meanwhile_including_deletions()
    {
        await Widgets.CreateAsync(Widget.Named("stays"), CancellationToken.None);
        await Widgets.CreateAsync(Widget.Named("goes"), CancellationToken.None);
        var metrics = new MetricsRegistry();
        var (informer, handler, _) = Start(metrics);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Wait);

        // While the informer cannot watch, history is compacted: its version is gone, only a relist can catch up.
        _server.RefuseWatches();
        await Widgets.DeleteAsync("goes", "default", CancellationToken.None);
        await Widgets.CreateAsync(Widget.Named("new"), CancellationToken.None);
        _server.Compact();
        _server.AcceptWatches();

        await Eventually.TrueAsync(() => informer.Cache.Count == 2 && informer.Cache.Get(new ObjectKey("default", "new")) is not null, "the relist brings the cache up to date", Wait);
        handler.Events.Should().Contain(["deleted goes", "added new"]);
        informer.Cache.Get(new ObjectKey("default", "goes")).Should().BeNull();
        metrics.Render().Should().Contain("informer_lists_total{informer=\"widgets\"} 2");
    }

    [Fact]
    public async Task Bookmarks_move_the_resource_version_on_without_changing_the_cache()
    {
        var (informer, handler, _) = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Wait);
        await Widgets.CreateAsync(Widget.Named("a"), CancellationToken.None);
        await Eventually.TrueAsync(() => handler.Events.Count == 1, "the add arrives", Wait);
        await Widgets.CreateAsync(Widget.Named("elsewhere", ns: "other-namespace-not-watched"), CancellationToken.None);
        var versionBefore = informer.ResourceVersion;

        await Eventually.TrueAsync(
            () =>
            {
                _server.Bookmark();
                return informer.ResourceVersion != versionBefore;
            }, "a bookmark moves the version", Wait);

        long.Parse(informer.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(long.Parse(versionBefore!, System.Globalization.CultureInfo.InvariantCulture));
        handler.Events.Should().Equal("added a");
    }

    [Fact]
    public async Task A_handler_that_throws_does_not_stop_the_informer_or_other_handlers()
    {
        var (informer, handler, _) = Start();
        informer.AddHandler(new ThrowingHandler());
        var second = new RecordingHandler<Widget>();
        informer.AddHandler(second);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Wait);

        await Widgets.CreateAsync(Widget.Named("a"), CancellationToken.None);
        await Widgets.CreateAsync(Widget.Named("b"), CancellationToken.None);

        await Eventually.TrueAsync(() => second.Events.Count == 2 && handler.Events.Count == 2, "both events reach both recording handlers", Wait);
    }

    [Fact]
    public async Task A_handler_added_after_sync_is_told_about_cached_objects()
    {
        await Widgets.CreateAsync(Widget.Named("a"), CancellationToken.None);
        var (informer, _, _) = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Wait);

        var late = new RecordingHandler<Widget>();
        informer.AddHandler(late);

        late.Events.Should().Equal("added a");
    }

    [Fact]
    public async Task A_short_outage_is_survived_and_changes_made_after_it_arrive()
    {
        var (informer, _, run) = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Wait);

        _server.BeginOutage();
        await Task.Delay(TimeSpan.FromSeconds(1));
        _server.EndOutage();
        await Widgets.CreateAsync(Widget.Named("after-outage"), CancellationToken.None);

        await Eventually.TrueAsync(() => informer.Cache.Get(new ObjectKey("default", "after-outage")) is not null, "the change after the outage arrives", Wait);
        run.IsCompleted.Should().BeFalse();
    }

    private (SharedInformer<Widget> Informer, RecordingHandler<Widget> Handler, Task Run) Start(MetricsRegistry? metrics = null)
    {
        var informer = new SharedInformer<Widget>("widgets", new ResourceListWatch<Widget>(_client.Resource<Widget>(Widget.Resource), "default"), FastBackoff, metrics: metrics);
        var handler = new RecordingHandler<Widget>();
        informer.AddHandler(handler);
        return (informer, handler, informer.RunAsync(_stop.Token));
    }

    private sealed class ThrowingHandler : IResourceEventHandler<Widget>
    {
        public void OnAdded(Widget value) => throw new InvalidOperationException("handler bug");

        public void OnUpdated(Widget oldValue, Widget newValue) => throw new InvalidOperationException("handler bug");

        public void OnDeleted(Widget value) => throw new InvalidOperationException("handler bug");
    }
}
