using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

public sealed class ListTests
{
    private const string Pods = "/api/v1/namespaces/default/pods";

    [Fact]
    public async Task List_filters_by_label_selector_expressions()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        await client.CreateAsync(Pods, Objects.Pod("web-1", labels: new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }));
        await client.CreateAsync(Pods, Objects.Pod("web-2", labels: new Dictionary<string, string> { ["app"] = "web" }));
        await client.CreateAsync(Pods, Objects.Pod("db-1", labels: new Dictionary<string, string> { ["app"] = "db" }));

        async Task<IEnumerable<string>> Names(string selector) =>
            (await client.GetAsync($"{Pods}?labelSelector={Uri.EscapeDataString(selector)}"))["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>());

        (await Names("app=web")).Should().Equal("web-1", "web-2");
        (await Names("app in (web,db),!tier")).Should().Equal("db-1", "web-2");
        (await Names("app!=web")).Should().Equal("db-1");
        (await Names("tier")).Should().Equal("web-1");
        (await Names("app notin (web)")).Should().Equal("db-1");
    }

    [Fact]
    public async Task List_filters_by_field_selectors_on_name_namespace_and_node_name()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        await client.CreateAsync("/api/v1/namespaces", Objects.Namespace("other"));
        await client.CreateAsync(Pods, Objects.Pod("a", node: "node-1"));
        await client.CreateAsync(Pods, Objects.Pod("b", node: "node-2"));
        await client.CreateAsync("/api/v1/namespaces/other/pods", Objects.Pod("c", "other", node: "node-1"));

        async Task<IEnumerable<string>> Names(string selector) =>
            (await client.GetAsync($"/api/v1/pods?fieldSelector={Uri.EscapeDataString(selector)}"))["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>());

        (await Names("spec.nodeName=node-1")).Should().Equal("a", "c");
        (await Names("spec.nodeName=node-1,metadata.namespace!=other")).Should().Equal("a");
        (await Names("metadata.name=b")).Should().Equal("b");
    }

    [Fact]
    public async Task Unsupported_field_selector_is_a_400_naming_the_field()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/api/v1/configmaps?fieldSelector=data.value%3D1");

        status.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.GetValue<string>().Should().Be("field label not supported: data.value");
    }

    [Fact]
    public async Task Paging_with_limit_and_continue_returns_every_item_once_at_one_version()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        for (var i = 0; i < 5; i++)
        {
            await client.CreateAsync("/api/v1/namespaces/default/configmaps", Objects.ConfigMap($"cm-{i}"));
        }

        var first = await client.GetAsync("/api/v1/namespaces/default/configmaps?limit=2");
        await client.CreateAsync("/api/v1/namespaces/default/configmaps", Objects.ConfigMap("cm-9-late"));
        var names = first["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();
        var token = first["metadata"]!["continue"]!.GetValue<string>();
        first["metadata"]!["remainingItemCount"]!.GetValue<long>().Should().Be(3);
        while (token is not null)
        {
            var page = await client.GetAsync($"/api/v1/namespaces/default/configmaps?limit=2&continue={token}");
            names.AddRange(page["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
            page["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be(first["metadata"]!["resourceVersion"]!.GetValue<string>());
            token = page["metadata"]!["continue"]?.GetValue<string>();
        }

        names.Should().Equal("cm-0", "cm-1", "cm-2", "cm-3", "cm-4");
    }

    [Fact]
    public async Task Exact_list_shows_the_past_state_and_is_410_once_compacted()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();
        var created = await client.CreateAsync("/api/v1/namespaces/default/configmaps", Objects.ConfigMap("a"));
        var version = Objects.ResourceVersion(created);
        await client.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/a", JsonNode.Parse("""{"data":{"value":"2"}}"""), "application/merge-patch+json");
        await client.CreateAsync("/api/v1/namespaces/default/configmaps", Objects.ConfigMap("b"));

        var past = await client.GetAsync($"/api/v1/namespaces/default/configmaps?resourceVersion={version}&resourceVersionMatch=Exact");
        server.Faults.Compact();
        var (status, body, _) = await client.SendAsync(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?resourceVersion={version}&resourceVersionMatch=Exact");

        past["items"]!.AsArray().Should().ContainSingle().Which!["data"]!["value"]!.GetValue<string>().Should().Be("1");
        status.Should().Be(HttpStatusCode.Gone);
        body!["reason"]!.GetValue<string>().Should().Be("Expired");
    }

    [Fact]
    public async Task Kubectl_style_table_request_gets_printer_columns()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        await client.CreateAsync("/apis/policyoperator.io/v1alpha1/namespaces/default/observedtraffics", Objects.ObservedTraffic("a"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "apis/policyoperator.io/v1alpha1/observedtraffics");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        using var response = await client.Http.SendAsync(request);
        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        table["kind"]!.GetValue<string>().Should().Be("Table");
        table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("Name", "Workload", "Kind", "Node", "Window-End", "Dropped", "Age");
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        cells[0]!.GetValue<string>().Should().Be("a");
        cells[1]!.GetValue<string>().Should().Be("web");
        cells[3]!.GetValue<string>().Should().Be("worker-1");
    }
}
