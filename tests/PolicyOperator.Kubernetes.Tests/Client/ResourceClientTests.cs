using FluentAssertions;
using Microsoft.AspNetCore.Http;
using PolicyOperator.Api.Coordination;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Errors;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Client;

public sealed class ResourceClientTests
{
    [Fact]
    public async Task Get_reads_the_typed_object_from_the_object_path_with_the_bearer_token()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) => ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "42", holder: "replica-1")));
        using var client = server.CreateClient();

        var lease = await client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        lease.Metadata.ResourceVersion.Should().Be("42");
        lease.Spec.HolderIdentity.Should().Be("replica-1");
        lease.Spec.RenewTime.Should().Be(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560));
        var request = server.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("GET");
        request.PathAndQuery.Should().Be("/apis/coordination.k8s.io/v1/namespaces/ns/leases/lock");
        request.Authorization.Should().Be("Bearer test-token");
    }

    [Fact]
    public async Task Get_of_a_cluster_scoped_core_resource_uses_the_core_api_path()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
            ScriptedApiServer.RespondAsync(context, 200, """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"web"}}"""));
        using var client = server.CreateClient();

        var ns = await client.Namespaces.GetAsync("web", null, CancellationToken.None);

        ns.Metadata.Name.Should().Be("web");
        server.Requests.Should().ContainSingle().Which.PathAndQuery.Should().Be("/api/v1/namespaces/web");
    }

    [Theory]
    [InlineData(404, "NotFound", typeof(NotFoundException))]
    [InlineData(409, "Conflict", typeof(ConflictException))]
    [InlineData(409, "AlreadyExists", typeof(AlreadyExistsException))]
    [InlineData(410, "Expired", typeof(ResourceExpiredException))]
    [InlineData(403, "Forbidden", typeof(KubernetesApiException))]
    [InlineData(422, "Invalid", typeof(KubernetesApiException))]
    public async Task A_failed_call_throws_the_typed_error_with_the_servers_message(int code, string reason, Type expected)
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
            ScriptedApiServer.RespondAsync(context, code, ScriptedApiServer.StatusJson(code, reason, "leases.coordination.k8s.io lock: the server says why")));
        using var client = server.CreateClient();

        var call = () => client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        var error = (await call.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.Should().BeOfType(expected);
        error.Status.Reason.Should().Be(reason);
        error.Status.Code.Should().Be(code);
        error.Message.Should().Contain("GET /apis/coordination.k8s.io/v1/namespaces/ns/leases/lock").And.Contain("the server says why");
    }

    [Fact]
    public async Task A_failure_whose_body_is_not_a_status_keeps_the_body_as_the_message()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 403;
            return context.Response.WriteAsync("<html>forbidden by the proxy</html>");
        });
        using var client = server.CreateClient();

        var call = () => client.Leases.GetAsync("lock", "ns", CancellationToken.None);

        (await call.Should().ThrowAsync<KubernetesApiException>()).Which.Message.Should().Contain("forbidden by the proxy");
    }

    [Fact]
    public async Task FindAsync_returns_null_for_a_missing_object()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
            ScriptedApiServer.RespondAsync(context, 404, ScriptedApiServer.StatusJson(404, "NotFound", "not found")));
        using var client = server.CreateClient();

        (await client.Leases.FindAsync("lock", "ns", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens_and_sends_the_selectors_on_every_page()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, request) =>
            ScriptedApiServer.RespondAsync(context, 200, context.Request.Query["continue"].ToString() switch
            {
                "" => LeaseJson.List("100", "page2", LeaseJson.Lease("a", "1"), LeaseJson.Lease("b", "2")),
                "page2" => LeaseJson.List("100", "page3", LeaseJson.Lease("c", "3")),
                _ => LeaseJson.List("100", null, LeaseJson.Lease("d", "4")),
            }));
        using var client = server.CreateClient();

        var list = await client.Leases.ListAllAsync("ns", new ListOptions { LabelSelector = "app=web,tier!=db", FieldSelector = "metadata.name!=x", Limit = 2 }, CancellationToken.None);

        list.Items.Select(lease => lease.Metadata.Name).Should().Equal("a", "b", "c", "d");
        list.Metadata.ResourceVersion.Should().Be("100");
        list.Metadata.Continue.Should().BeNull();
        server.Requests.Should().HaveCount(3).And.OnlyContain(r =>
            r.PathAndQuery.StartsWith("/apis/coordination.k8s.io/v1/namespaces/ns/leases?", StringComparison.Ordinal)
            && r.PathAndQuery.Contains("labelSelector=app%3Dweb%2Ctier%21%3Ddb", StringComparison.Ordinal)
            && r.PathAndQuery.Contains("fieldSelector=metadata.name%21%3Dx", StringComparison.Ordinal)
            && r.PathAndQuery.Contains("limit=2", StringComparison.Ordinal));
        server.Requests.Last().PathAndQuery.Should().Contain("continue=page3");
    }

    [Fact]
    public async Task List_across_namespaces_uses_the_cluster_wide_path()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) => ScriptedApiServer.RespondAsync(context, 200, LeaseJson.List("7", null)));
        using var client = server.CreateClient();

        var list = await client.Leases.ListAsync(null, null, CancellationToken.None);

        list.Items.Should().BeEmpty();
        server.Requests.Should().ContainSingle().Which.PathAndQuery.Should().Be("/apis/coordination.k8s.io/v1/leases");
    }

    [Fact]
    public async Task A_list_item_that_is_not_the_type_fails_naming_the_item()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) =>
            ScriptedApiServer.RespondAsync(context, 200, LeaseJson.List("7", null, LeaseJson.Lease("a", "1"), """{"metadata":{"name":"b"},"spec":{"leaseDurationSeconds":"fifteen"}}""")));
        using var client = server.CreateClient();

        var call = () => client.Leases.ListAsync("ns", null, CancellationToken.None);

        (await call.Should().ThrowAsync<System.Text.Json.JsonException>()).Which.Message.Should().Contain("items[1]").And.Contain("Lease");
    }

    [Fact]
    public async Task Writes_use_the_right_verb_path_content_type_and_body()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, request) => ScriptedApiServer.RespondAsync(context, 200, LeaseJson.Lease("lock", "9")));
        using var client = server.CreateClient();
        var lease = new Lease { Metadata = new ObjectMeta { Name = "lock", Namespace = "ns", ResourceVersion = "8" }, Spec = new LeaseSpec { HolderIdentity = "me" } };

        await client.Leases.CreateAsync(lease, CancellationToken.None);
        await client.Leases.UpdateAsync(lease, CancellationToken.None);
        await client.Leases.UpdateStatusAsync(lease, CancellationToken.None);
        await client.Leases.PatchAsync("lock", "ns", """{"metadata":{"labels":{"a":"b"}}}""", CancellationToken.None);
        await client.Leases.ApplyAsync(lease, new ApplyOptions("policy-operator", Force: true), CancellationToken.None);
        await client.Leases.DeleteAsync("lock", "ns", CancellationToken.None);

        var requests = server.Requests.ToArray();
        const string Collection = "/apis/coordination.k8s.io/v1/namespaces/ns/leases";
        requests.Select(r => $"{r.Method} {r.PathAndQuery} {r.ContentType}").Should().Equal(
            $"POST {Collection} application/json",
            $"PUT {Collection}/lock application/json",
            $"PUT {Collection}/lock/status application/json",
            $"PATCH {Collection}/lock application/merge-patch+json",
            $"PATCH {Collection}/lock?fieldManager=policy-operator&force=true application/apply-patch+yaml",
            $"DELETE {Collection}/lock ");
        requests[0].Body.Should().Contain("\"holderIdentity\":\"me\"").And.Contain("\"resourceVersion\":\"8\"").And.Contain("\"kind\":\"Lease\"");
        requests[3].Body.Should().Be("""{"metadata":{"labels":{"a":"b"}}}""");
    }

    [Fact]
    public async Task A_namespaced_write_without_a_namespace_fails_before_calling_the_server()
    {
        await using var server = await ScriptedApiServer.StartAsync((context, _) => ScriptedApiServer.RespondAsync(context, 200, "{}"));
        using var client = server.CreateClient();

        var call = () => client.Leases.CreateAsync(new Lease { Metadata = new ObjectMeta { Name = "lock" } }, CancellationToken.None);

        (await call.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("metadata.namespace");
        server.Requests.Should().BeEmpty();
    }
}
