using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

public sealed class WatchTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private static string Describe(JsonObject? e) => e is null ? "end" : $"{e["type"]} {e["object"]?["metadata"]?["name"]}";

    [Fact]
    public async Task Watch_from_a_resource_version_delivers_every_later_change_in_order()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var a = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("b"));
        await client.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/a", JsonNode.Parse("""{"data":{"value":"2"}}"""), "application/merge-patch+json");

        await using var watch = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&resourceVersion={Objects.ResourceVersion(a)}");
        var history = new[] { await watch.NextAsync(), await watch.NextAsync() };
        await client.SendAsync(HttpMethod.Delete, $"{ConfigMaps}/b");
        var live = await watch.NextAsync();

        history.Select(Describe).Should().Equal("ADDED b", "MODIFIED a");
        history[1]!["object"]!["data"]!["value"]!.GetValue<string>().Should().Be("2");
        Describe(live).Should().Be("DELETED b");
        long.Parse(Objects.ResourceVersion(live!["object"]!)).Should().BeGreaterThan(long.Parse(Objects.ResourceVersion(history[1]!["object"]!)));
    }

    [Fact]
    public async Task Watch_without_a_version_starts_with_the_current_objects_as_added()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));

        await using var watch = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=1");

        Describe(await watch.NextAsync()).Should().Be("ADDED a");
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_gets_a_410_expired_error_event()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var a = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("b"));
        server.Faults.Compact();

        await using var watch = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&resourceVersion={Objects.ResourceVersion(a)}");
        var error = await watch.NextAsync();

        watch.Status.Should().Be(HttpStatusCode.OK);
        error!["type"]!.GetValue<string>().Should().Be("ERROR");
        error["object"]!["code"]!.GetValue<int>().Should().Be(410);
        error["object"]!["reason"]!.GetValue<string>().Should().Be("Expired");
        error["object"]!["message"]!.GetValue<string>().Should().StartWith("too old resource version");
        (await watch.NextAsync()).Should().BeNull("the stream ends after the error");
    }

    [Fact]
    public async Task History_beyond_the_limit_is_gone_for_watches()
    {
        await using var server = await TestApiServer.StartAsync(new TestApiServerOptions { HistoryLimit = 3 });
        using var client = server.Client();
        var first = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));
        for (var i = 0; i < 4; i++)
        {
            await client.CreateAsync(ConfigMaps, Objects.ConfigMap($"more-{i}"));
        }

        await using var watch = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&resourceVersion={Objects.ResourceVersion(first)}");

        (await watch.NextAsync())!["object"]!["code"]!.GetValue<int>().Should().Be(410);
    }

    [Fact]
    public async Task Bookmarks_are_sent_when_allowed_and_only_then()
    {
        await using var server = await TestApiServer.StartAsync(new TestApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(50) });
        using var client = server.Client();
        var a = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));
        var version = Objects.ResourceVersion(a);

        await using var withBookmarks = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&allowWatchBookmarks=true&resourceVersion={version}");
        var bookmark = await withBookmarks.NextAsync();
        await using var without = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&resourceVersion={version}&timeoutSeconds=1");
        var nothing = await without.NextAsync();

        bookmark!["type"]!.GetValue<string>().Should().Be("BOOKMARK");
        bookmark["object"]!["kind"]!.GetValue<string>().Should().Be("ConfigMap");
        Objects.ResourceVersion(bookmark["object"]!).Should().Be(version);
        nothing.Should().BeNull("a watch without allowWatchBookmarks gets no bookmark before its timeout ends it");
    }

    [Fact]
    public async Task Send_initial_events_ends_the_initial_state_with_a_marked_bookmark()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));
        var b = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("b"));

        await using var watch = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan");
        var events = new[] { await watch.NextAsync(), await watch.NextAsync(), await watch.NextAsync() };

        events.Take(2).Select(Describe).Should().Equal("ADDED a", "ADDED b");
        events[2]!["type"]!.GetValue<string>().Should().Be("BOOKMARK");
        events[2]!["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>().Should().Be("true");
        Objects.ResourceVersion(events[2]!["object"]!).Should().Be(Objects.ResourceVersion(b));
    }

    [Fact]
    public async Task Objects_leaving_a_label_selector_are_deleted_and_entering_ones_added()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        const string Pods = "/api/v1/namespaces/default/pods";
        var pod = await client.CreateAsync(Pods, Objects.Pod("p", labels: new Dictionary<string, string> { ["app"] = "web" }));

        await using var watch = await WatchStream.OpenAsync(client.Http, $"{Pods}?watch=true&labelSelector=app%3Dweb&resourceVersion={Objects.ResourceVersion(pod)}");
        await client.SendAsync(HttpMethod.Patch, $"{Pods}/p", JsonNode.Parse("""{"metadata":{"labels":{"app":"db"}}}"""), "application/merge-patch+json");
        var left = await watch.NextAsync();
        await client.SendAsync(HttpMethod.Patch, $"{Pods}/p", JsonNode.Parse("""{"metadata":{"labels":{"app":"web"}}}"""), "application/merge-patch+json");
        var entered = await watch.NextAsync();

        Describe(left).Should().Be("DELETED p");
        Describe(entered).Should().Be("ADDED p");
    }

    [Fact]
    public async Task Dropped_watches_end_and_the_client_can_resume_from_its_last_version()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var a = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));
        await using var watch = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&resourceVersion={Objects.ResourceVersion(a)}");
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("b"));
        var seen = await watch.NextAsync();

        server.Faults.DropWatches().Should().Be(1);
        var end = await watch.NextAsync();
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("c"));
        await using var resumed = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&resourceVersion={Objects.ResourceVersion(seen!["object"]!)}");

        end.Should().BeNull();
        Describe(await resumed.NextAsync()).Should().Be("ADDED c");
    }

    [Fact]
    public async Task Watch_ends_after_timeout_seconds()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        await using var watch = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&resourceVersion=1&timeoutSeconds=1");

        (await watch.NextAsync()).Should().BeNull();
    }

    [Fact]
    public async Task Single_object_watch_by_field_selector_sees_only_that_object()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var start = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("other"));

        await using var watch = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&fieldSelector=metadata.name%3Dmine&resourceVersion={Objects.ResourceVersion(start)}");
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("noise"));
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("mine"));

        Describe(await watch.NextAsync()).Should().Be("ADDED mine");
    }

    [Fact]
    public async Task Watch_asked_for_tables_sends_one_row_per_event_as_kubectl_get_watch_expects()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        const string Traffic = "/apis/policyoperator.io/v1alpha1/namespaces/default/observedtraffics";
        await client.CreateAsync(Traffic, Objects.ObservedTraffic("a"));
        using var request = new HttpRequestMessage(HttpMethod.Get, Traffic.TrimStart('/') + "?watch=true");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io");
        using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var first = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;
        await client.SendAsync(HttpMethod.Patch, $"{Traffic}/a", JsonNode.Parse("""{"spec":{"node":"worker-9"}}"""), "application/merge-patch+json");
        var second = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;

        first["object"]!["kind"]!.GetValue<string>().Should().Be("Table");
        first["object"]!["columnDefinitions"]!.AsArray().Should().NotBeEmpty();
        second["type"]!.GetValue<string>().Should().Be("MODIFIED");
        second["object"]!["rows"]![0]!["cells"]![3]!.GetValue<string>().Should().Be("worker-9");
    }

    [Fact]
    public async Task Deleting_a_crd_ends_the_watches_on_its_resource_and_removes_its_objects()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        const string Traffic = "/apis/policyoperator.io/v1alpha1/namespaces/default/observedtraffics";
        var created = await client.CreateAsync(Traffic, Objects.ObservedTraffic("a"));
        await using var watch = await WatchStream.OpenAsync(client.Http, $"{Traffic}?watch=true&resourceVersion={Objects.ResourceVersion(created)}");
        await using var other = await WatchStream.OpenAsync(client.Http, $"{ConfigMaps}?watch=true&resourceVersion={Objects.ResourceVersion(created)}&timeoutSeconds=60");

        await client.SendAsync(HttpMethod.Delete, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/observedtraffics.policyoperator.io");
        JsonObject? last;
        do
        {
            last = await watch.NextAsync();
        }
        while (last is not null);

        server.Store.Get("observedtraffics.policyoperator.io", "default", "a").Should().BeNull();
        server.Store.WatchCount.Should().Be(1, "the configmap watch stays open");
    }
}
