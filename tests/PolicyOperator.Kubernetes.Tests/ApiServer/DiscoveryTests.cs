using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Testing.ApiServer;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Version_and_core_discovery_describe_the_server()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        var version = await client.GetAsync("/version");
        var api = await client.GetAsync("/api");
        var core = await client.GetAsync("/api/v1");

        version["major"]!.GetValue<string>().Should().Be("1");
        api["versions"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("v1");
        var names = core["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        names.Should().Contain(["namespaces", "pods", "pods/status", "services", "nodes", "events"]);
    }

    [Fact]
    public async Task Groups_list_the_built_ins_the_project_uses()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        var groups = await client.GetAsync("/apis");

        groups["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).Should().Contain(
            ["apps", "batch", "discovery.k8s.io", "networking.k8s.io", "coordination.k8s.io", "events.k8s.io", "apiextensions.k8s.io"]);
        var apps = await client.GetAsync("/apis/apps/v1");
        apps["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().Contain(
            ["deployments", "replicasets", "statefulsets", "daemonsets"]);
    }

    [Fact]
    public async Task Created_crd_appears_in_discovery_with_short_names_and_status_and_goes_when_deleted()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();

        var resources = await client.GetAsync("/apis/policyoperator.io/v1alpha1");
        var observed = resources["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "observedtraffics")!;
        observed["kind"]!.GetValue<string>().Should().Be("ObservedTraffic");
        observed["namespaced"]!.GetValue<bool>().Should().BeTrue();
        observed["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("otr");
        resources["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().Contain("observedtraffics/status");

        var (status, _, _) = await client.SendAsync(HttpMethod.Delete, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/observedtraffics.policyoperator.io");
        status.Should().Be(HttpStatusCode.OK);
        var after = await client.GetAsync("/apis/policyoperator.io/v1alpha1");
        after["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Should().NotContain("observedtraffics");
        (await client.SendAsync(HttpMethod.Get, "/apis/policyoperator.io/v1alpha1/observedtraffics")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Crd_gets_established_status_conditions()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();

        var crd = await client.GetAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/policygenerators.policyoperator.io");

        crd["status"]!["conditions"]!.AsArray()
            .Should().Contain(c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");
        crd["status"]!["acceptedNames"]!["kind"]!.GetValue<string>().Should().Be("PolicyGenerator");
    }

    [Fact]
    public async Task Openapi_v3_offers_a_document_per_group_version_with_the_crd_schema()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();

        var root = await client.GetAsync("/openapi/v3");
        var url = root["paths"]!["apis/policyoperator.io/v1alpha1"]!["serverRelativeURL"]!.GetValue<string>();
        var document = await client.GetAsync(url);

        document["openapi"]!.GetValue<string>().Should().StartWith("3.");
        var schema = document["components"]!["schemas"]!["io.policyoperator.v1alpha1.ObservedTraffic"]!;
        schema["properties"]!["spec"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain("node");
        var patch = document["paths"]!["/apis/policyoperator.io/v1alpha1/namespaces/{namespace}/observedtraffics/{name}"]!["patch"]!;
        patch["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain("fieldValidation");
        JsonNode.DeepEquals(patch["x-kubernetes-group-version-kind"], JsonNode.Parse("""{"group":"policyoperator.io","version":"v1alpha1","kind":"ObservedTraffic"}""")).Should().BeTrue();
    }

    [Fact]
    public async Task Aggregated_discovery_is_served_when_asked_for_with_its_content_type()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "apis");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");

        using var response = await client.Http.SendAsync(request);
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.Content.Headers.ContentType!.ToString().Should().Contain("as=APIGroupDiscoveryList").And.Contain("v=v2");
        list["kind"]!.GetValue<string>().Should().Be("APIGroupDiscoveryList");
        var group = list["items"]!.AsArray().Single(i => i!["metadata"]!["name"]!.GetValue<string>() == "policyoperator.io")!;
        var resource = group["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "policygenerators")!;
        resource["scope"]!.GetValue<string>().Should().Be("Cluster");
        resource["responseKind"]!["kind"]!.GetValue<string>().Should().Be("PolicyGenerator");
        resource["subresources"]![0]!["subresource"]!.GetValue<string>().Should().Be("status");
        (await client.GetAsync("/apis"))["kind"]!.GetValue<string>().Should().Be("APIGroupList", "a client that does not ask gets legacy discovery");
    }

    [Fact]
    public async Task Unknown_path_is_a_404_status()
    {
        await using var server = await TestApiServer.StartAsync();
        using var client = server.Client();

        var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/apis/nothing.example.com/v1/things");

        status.Should().Be(HttpStatusCode.NotFound);
        body!["kind"]!.GetValue<string>().Should().Be("Status");
        body["reason"]!.GetValue<string>().Should().Be("NotFound");
    }
}
