using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

public sealed class CrudTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Traffic = "/apis/policyoperator.io/v1alpha1/namespaces/default/observedtraffics";

    [Fact]
    public async Task Create_sets_uid_timestamp_generation_and_a_growing_resource_version()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        var first = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));
        var second = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("b"));

        first["metadata"]!["uid"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        first["metadata"]!["creationTimestamp"]!.GetValue<string>().Should().EndWith("Z");
        first["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        long.Parse(Objects.ResourceVersion(second)).Should().BeGreaterThan(long.Parse(Objects.ResourceVersion(first)));
        (await client.GetAsync($"{ConfigMaps}/a"))["data"]!["value"]!.GetValue<string>().Should().Be("1");
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_409_already_exists()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, ConfigMaps, Objects.ConfigMap("a"));

        status.Should().Be(HttpStatusCode.Conflict);
        body!["reason"]!.GetValue<string>().Should().Be("AlreadyExists");
    }

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_409_conflict_and_changes_nothing()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var created = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));
        var first = created.DeepClone().AsObject();
        first["data"]!["value"] = "2";
        (await client.SendAsync(HttpMethod.Put, $"{ConfigMaps}/a", first)).Status.Should().Be(HttpStatusCode.OK);

        var stale = created.DeepClone().AsObject();
        stale["data"]!["value"] = "3";
        var (status, body, _) = await client.SendAsync(HttpMethod.Put, $"{ConfigMaps}/a", stale);

        status.Should().Be(HttpStatusCode.Conflict);
        body!["reason"]!.GetValue<string>().Should().Be("Conflict");
        body["message"]!.GetValue<string>().Should().Contain("the object has been modified");
        (await client.GetAsync($"{ConfigMaps}/a"))["data"]!["value"]!.GetValue<string>().Should().Be("2");
    }

    [Fact]
    public async Task Unchanged_update_keeps_the_resource_version()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var created = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));

        var (_, body, _) = await client.SendAsync(HttpMethod.Put, $"{ConfigMaps}/a", created);

        Objects.ResourceVersion(body!).Should().Be(Objects.ResourceVersion(created));
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_404_naming_it()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        var (status, body, _) = await client.SendAsync(HttpMethod.Get, $"{ConfigMaps}/nope");

        status.Should().Be(HttpStatusCode.NotFound);
        body!["message"]!.GetValue<string>().Should().Be("configmaps \"nope\" not found");
    }

    [Fact]
    public async Task Namespaced_create_in_a_missing_namespace_is_404()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, "/api/v1/namespaces/ghost/configmaps", Objects.ConfigMap("a", "ghost"));

        status.Should().Be(HttpStatusCode.NotFound);
        body!["message"]!.GetValue<string>().Should().Contain("namespaces \"ghost\" not found");
    }

    [Fact]
    public async Task Namespace_gets_its_name_label_and_deleting_it_removes_its_contents()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var ns = await client.CreateAsync("/api/v1/namespaces", Objects.Namespace("shop"));
        await client.CreateAsync("/api/v1/namespaces/shop/configmaps", Objects.ConfigMap("a", "shop"));

        (await client.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/shop")).Status.Should().Be(HttpStatusCode.OK);

        ns["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>().Should().Be("shop");
        ns["status"]!["phase"]!.GetValue<string>().Should().Be("Active");
        (await client.SendAsync(HttpMethod.Get, "/api/v1/namespaces/shop/configmaps/a")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Status_subresource_changes_only_status_and_main_resource_ignores_status()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        var created = await client.CreateAsync(Traffic, Objects.ObservedTraffic("a"));

        var withStatus = created.DeepClone().AsObject();
        withStatus["status"] = new JsonObject { ["droppedEntries"] = 3 };
        withStatus["spec"]!["node"] = "changed-through-status";
        var (statusCode, afterStatus, _) = await client.SendAsync(HttpMethod.Put, $"{Traffic}/a/status", withStatus);

        var mainPatch = new JsonObject { ["status"] = new JsonObject { ["droppedEntries"] = 99 }, ["spec"] = new JsonObject { ["node"] = "worker-2" } };
        var (_, afterMain, _) = await client.SendAsync(HttpMethod.Patch, $"{Traffic}/a", mainPatch, "application/merge-patch+json");

        statusCode.Should().Be(HttpStatusCode.OK);
        afterStatus!["status"]!["droppedEntries"]!.GetValue<long>().Should().Be(3);
        afterStatus["spec"]!["node"]!.GetValue<string>().Should().Be("worker-1");
        afterStatus["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        afterMain!["status"]!["droppedEntries"]!.GetValue<long>().Should().Be(3);
        afterMain["spec"]!["node"]!.GetValue<string>().Should().Be("worker-2");
        afterMain["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task Custom_resource_create_drops_status()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        var obj = Objects.ObservedTraffic("a");
        obj["status"] = new JsonObject { ["droppedEntries"] = 3 };

        var created = await client.CreateAsync(Traffic, obj);

        created["status"].Should().BeNull();
    }

    [Fact]
    public async Task Merge_json_and_strategic_patches_apply_as_specified()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        await client.CreateAsync("/api/v1/namespaces/default/pods", Objects.Pod("p", labels: new Dictionary<string, string> { ["app"] = "web", ["tier"] = "x" }));

        await client.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/pods/p", JsonNode.Parse("""{"metadata":{"labels":{"tier":null,"new":"1"}}}"""), "application/merge-patch+json");
        await client.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/pods/p", JsonNode.Parse("""[{"op":"add","path":"/metadata/annotations","value":{"a":"b"}},{"op":"replace","path":"/spec/containers/0/image","value":"nginx:2"}]"""), "application/json-patch+json");
        var (_, pod, _) = await client.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/pods/p", JsonNode.Parse("""{"spec":{"containers":[{"name":"side","image":"busybox"}]}}"""), "application/strategic-merge-patch+json");

        pod!["metadata"]!["labels"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("app", "new");
        pod["metadata"]!["annotations"]!["a"]!.GetValue<string>().Should().Be("b");
        pod["spec"]!["containers"]!.AsArray().Select(c => $"{c!["name"]}={c["image"]}").Should().Equal("main=nginx:2", "side=busybox");
    }

    [Fact]
    public async Task Failed_json_patch_test_is_422_and_changes_nothing()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        await client.CreateAsync(ConfigMaps, Objects.ConfigMap("a"));

        var (status, _, _) = await client.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/a", JsonNode.Parse("""[{"op":"test","path":"/data/value","value":"9"},{"op":"replace","path":"/data/value","value":"2"}]"""), "application/json-patch+json");

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await client.GetAsync($"{ConfigMaps}/a"))["data"]!["value"]!.GetValue<string>().Should().Be("1");
    }

    [Fact]
    public async Task Server_side_apply_creates_then_removes_fields_the_manager_stopped_applying()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        const string Path = $"{ConfigMaps}/a?fieldManager=test";
        var first = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"x":"1","y":"2"}}""");
        var second = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"x":"1"}}""");

        var (createdStatus, _, _) = await client.SendAsync(HttpMethod.Patch, Path, first, "application/apply-patch+yaml");
        await client.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/a", JsonNode.Parse("""{"data":{"z":"other manager"}}"""), "application/merge-patch+json");
        var (_, applied, _) = await client.SendAsync(HttpMethod.Patch, Path, second, "application/apply-patch+yaml");
        var (missingManager, _, _) = await client.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/a", second, "application/apply-patch+yaml");

        createdStatus.Should().Be(HttpStatusCode.OK);
        applied!["data"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("x", "z");
        missingManager.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Delete_with_finalizers_marks_the_object_until_they_are_removed()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var cm = Objects.ConfigMap("a");
        cm["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        await client.CreateAsync(ConfigMaps, cm);

        var (_, marked, _) = await client.SendAsync(HttpMethod.Delete, $"{ConfigMaps}/a");
        var stillThere = await client.GetAsync($"{ConfigMaps}/a");
        await client.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/a", JsonNode.Parse("""{"metadata":{"finalizers":null}}"""), "application/merge-patch+json");

        marked!["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        stillThere["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        (await client.SendAsync(HttpMethod.Get, $"{ConfigMaps}/a")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_an_owner_deletes_its_dependents_unless_orphaned()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var owner = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("owner"));
        var other = await client.CreateAsync(ConfigMaps, Objects.ConfigMap("other"));
        foreach (var (name, by) in new[] { ("owned", owner), ("kept", other) })
        {
            var dependent = Objects.ConfigMap(name);
            dependent["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = by["metadata"]!["name"]!.GetValue<string>(), ["uid"] = by["metadata"]!["uid"]!.GetValue<string>(),
            });
            await client.CreateAsync(ConfigMaps, dependent);
        }

        await client.SendAsync(HttpMethod.Delete, $"{ConfigMaps}/owner");
        await client.SendAsync(HttpMethod.Delete, $"{ConfigMaps}/other", JsonNode.Parse("""{"propagationPolicy":"Orphan"}"""));

        (await client.SendAsync(HttpMethod.Get, $"{ConfigMaps}/owned")).Status.Should().Be(HttpStatusCode.NotFound);
        (await client.SendAsync(HttpMethod.Get, $"{ConfigMaps}/kept")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Owner_removed_when_its_last_finalizer_goes_takes_its_dependents_along()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var ownerObject = Objects.ConfigMap("owner");
        ownerObject["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        var owner = await client.CreateAsync(ConfigMaps, ownerObject);
        var dependent = Objects.ConfigMap("owned");
        dependent["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "owner", ["uid"] = owner["metadata"]!["uid"]!.GetValue<string>(),
        });
        await client.CreateAsync(ConfigMaps, dependent);

        await client.SendAsync(HttpMethod.Delete, $"{ConfigMaps}/owner");
        var whileFinalizing = (await client.SendAsync(HttpMethod.Get, $"{ConfigMaps}/owned")).Status;
        await client.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/owner", JsonNode.Parse("""{"metadata":{"finalizers":null}}"""), "application/merge-patch+json");

        whileFinalizing.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(HttpMethod.Get, $"{ConfigMaps}/owner")).Status.Should().Be(HttpStatusCode.NotFound);
        (await client.SendAsync(HttpMethod.Get, $"{ConfigMaps}/owned")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Generate_name_makes_a_unique_name_with_the_prefix()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var cm = Objects.ConfigMap(string.Empty);
        cm["metadata"]!.AsObject().Remove("name");
        cm["metadata"]!["generateName"] = "job-";

        var created = await client.CreateAsync(ConfigMaps, cm);

        created["metadata"]!["name"]!.GetValue<string>().Should().MatchRegex("^job-[a-z0-9]{5}$");
    }

    [Fact]
    public async Task Dry_run_validates_without_storing()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        var (status, _, _) = await client.SendAsync(HttpMethod.Post, $"{ConfigMaps}?dryRun=All", Objects.ConfigMap("a"));

        status.Should().Be(HttpStatusCode.Created);
        (await client.SendAsync(HttpMethod.Get, $"{ConfigMaps}/a")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cluster_scoped_custom_resources_live_outside_namespaces()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        var generator = JsonNode.Parse("""{"apiVersion":"policyoperator.io/v1alpha1","kind":"PolicyGenerator","metadata":{"name":"g"},"spec":{}}""")!.AsObject();

        var created = await client.CreateAsync("/apis/policyoperator.io/v1alpha1/policygenerators", generator);
        var (namespacedStatus, _, _) = await client.SendAsync(HttpMethod.Get, "/apis/policyoperator.io/v1alpha1/namespaces/default/policygenerators/g");

        created["metadata"]!["namespace"].Should().BeNull();
        created["spec"]!["mode"]!.GetValue<string>().Should().Be("Propose", "the schema default is applied");
        namespacedStatus.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Concurrent_read_modify_write_with_retry_on_conflict_loses_no_update()
    {
        await using var server = await TestApiServer.StartAsync();
        using (var setup = server.Client())
        {
            await setup.CreateAsync(ConfigMaps, Objects.ConfigMap("counter", value: "0"));
        }

        var conflicts = 0;
        async Task IncrementAsync(ApiClient client)
        {
            while (true)
            {
                var current = await client.GetAsync($"{ConfigMaps}/counter");
                current["data"]!["value"] = (int.Parse(current["data"]!["value"]!.GetValue<string>()) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var (status, _, _) = await client.SendAsync(HttpMethod.Put, $"{ConfigMaps}/counter", current);
                if (status == HttpStatusCode.OK)
                {
                    return;
                }

                status.Should().Be(HttpStatusCode.Conflict);
                Interlocked.Increment(ref conflicts);
            }
        }

        var workers = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = server.Client();
            for (var i = 0; i < 10; i++)
            {
                await IncrementAsync(client);
            }
        });
        await Task.WhenAll(workers);

        using var check = server.Client();
        (await check.GetAsync($"{ConfigMaps}/counter"))["data"]!["value"]!.GetValue<string>().Should().Be("80");
    }
}
