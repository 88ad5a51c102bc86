using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

public sealed class ValidationTests
{
    private const string Traffic = "/apis/policyoperator.io/v1alpha1/namespaces/default/observedtraffics";

    [Fact]
    public async Task Invalid_custom_resource_is_422_with_a_cause_per_field_path()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        var obj = Objects.ObservedTraffic("bad");
        obj["spec"]!.AsObject().Remove("node");
        obj["spec"]!["window"]!["end"] = "yesterday";
        obj["spec"]!["egress"] = JsonNode.Parse("""[{"peer":{"type":"External","external":{"cidr":"203.0.113.7/32"}},"protocol":"ICMP","port":70000,"firstSeen":"2026-11-20T10:00:00Z","lastSeen":"2026-11-20T10:00:00Z"}]""");

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, Traffic, obj);

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        body!["kind"]!.GetValue<string>().Should().Be("Status");
        body["reason"]!.GetValue<string>().Should().Be("Invalid");
        body["message"]!.GetValue<string>().Should().StartWith("ObservedTraffic.policyoperator.io \"bad\" is invalid: [");
        var causes = body["details"]!["causes"]!.AsArray().Select(c => (Field: c!["field"]!.GetValue<string>(), Reason: c["reason"]!.GetValue<string>())).ToList();
        causes.Should().BeEquivalentTo(new[]
        {
            ("spec.node", "FieldValueRequired"),
            ("spec.window.end", "FieldValueInvalid"),
            ("spec.egress[0].protocol", "FieldValueNotSupported"),
            ("spec.egress[0].port", "FieldValueInvalid"),
        });
        (await client.SendAsync(HttpMethod.Get, $"{Traffic}/bad")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Too_many_entries_are_rejected_not_truncated()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        var obj = Objects.ObservedTraffic("big");
        obj["spec"]!["dnsQueries"] = new JsonArray([.. Enumerable.Range(0, 257).Select(i => (JsonNode)new JsonObject { ["name"] = $"n{i}.example.com", ["queryType"] = "A" })]);

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, Traffic, obj);

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        body!["message"]!.GetValue<string>().Should().Contain("spec.dnsQueries: Too many: 257: must have at most 256 items");
    }

    [Fact]
    public async Task Unknown_field_is_a_400_under_strict_validation_and_a_warning_otherwise()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        var obj = Objects.ObservedTraffic("a");
        obj["spec"]!["nodde"] = "typo";

        var (strict, strictBody, _) = await client.SendAsync(HttpMethod.Post, $"{Traffic}?fieldValidation=Strict", obj);
        var (lenient, created, response) = await client.SendAsync(HttpMethod.Post, Traffic, obj);

        strict.Should().Be(HttpStatusCode.BadRequest);
        strictBody!["message"]!.GetValue<string>().Should().Be("strict decoding error: unknown field \"spec.nodde\"");
        lenient.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("Warning").Should().ContainSingle().Which.Should().Contain("unknown field \\\"spec.nodde\\\"");
        created!["spec"]!["nodde"].Should().BeNull();
    }

    [Fact]
    public async Task Malformed_json_is_a_400_saying_where()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        using var content = new StringContent("{\"apiVersion\": \"v1\", \"kind\": ", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.Http.PostAsync("api/v1/namespaces/default/configmaps", content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body["message"]!.GetValue<string>().Should().Contain("not valid JSON").And.Contain("LineNumber");
    }

    [Fact]
    public async Task Crd_with_a_non_structural_schema_is_rejected_with_the_path()
    {
        await using var server = await ServerFixture.StartWithCrdsAsync();
        using var client = server.Client();
        var crd = JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
             "spec":{"group":"example.com","scope":"Namespaced","names":{"kind":"Widget","plural":"widgets"},
               "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"description":"untyped"}}}}}]}}
            """)!;

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);

        status.Should().Be(HttpStatusCode.UnprocessableEntity);
        body!["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("spec.versions[0].schema.openAPIV3Schema.properties[spec].type");
    }
}
