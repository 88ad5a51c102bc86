using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer.Resources;
using PolicyOperator.Testing.ApiServer.Schema;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Crds;

public sealed class CrdDocumentTests
{
    private const string CrdSchema = "#/components/schemas/io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition";

    [Fact]
    public void Crds_folder_holds_exactly_the_three_crds()
    {
        Directory.GetFiles(RepositoryPaths.InRepository("crds")).Select(Path.GetFileName)
            .Should().BeEquivalentTo(CrdFiles.Names);
    }

    [Theory]
    [MemberData(nameof(CrdFiles.All), MemberType = typeof(CrdFiles))]
    public void Crd_validates_against_the_upstream_apiextensions_schema(string file)
    {
        var errors = ValidateUpstream(CrdFiles.Load(file));

        errors.Should().BeEmpty();
    }

    [Fact]
    public void Upstream_validation_reports_a_misspelt_field_with_its_path()
    {
        var crd = CrdFiles.Load(CrdFiles.Names[0]);
        crd["spec"]!["versions"]![0]!["servd"] = true;
        crd["spec"]!["scope"] = 7;

        var errors = ValidateUpstream(crd);

        errors.Select(e => e.Path).Should().BeEquivalentTo("spec.versions[0].servd", "spec.scope");
    }

    [Theory]
    [MemberData(nameof(CrdFiles.All), MemberType = typeof(CrdFiles))]
    public void Crd_schema_is_structural_and_the_crd_is_accepted(string file)
    {
        var crd = CrdFiles.Load(file);

        CustomResourceDefinitions.Validate(crd).Should().BeEmpty();
    }

    [Fact]
    public void Structural_check_reports_untyped_fields_mixed_properties_and_forbidden_keywords()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{
                "untyped":{"description":"no type"},
                "both":{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"string"}},
                "ref":{"$ref":"#/x"},
                "list":{"type":"array"},
                "junctor":{"type":"string","anyOf":[{"type":"string","description":"inside"}]},
                "badDefault":{"type":"integer","maximum":3,"default":9}}}}}
            """)!.AsObject();

        var paths = StructuralSchemaChecker.Check(schema, "s").Select(e => e.Path).ToList();

        paths.Should().Contain([
            "s.properties[spec].properties[untyped].type",
            "s.properties[spec].properties[both].additionalProperties",
            "s.properties[spec].properties[ref].$ref",
            "s.properties[spec].properties[list].items",
            "s.properties[spec].properties[junctor].anyOf[0].type",
            "s.properties[spec].properties[junctor].anyOf[0].description",
            "s.properties[spec].properties[badDefault].default",
        ]);
    }

    [Theory]
    [MemberData(nameof(CrdFiles.All), MemberType = typeof(CrdFiles))]
    public void Crd_has_printer_columns_status_subresource_short_names_and_categories(string file)
    {
        var crd = CrdFiles.Load(file);
        var names = crd["spec"]!["names"]!;
        var version = crd["spec"]!["versions"]![0]!;

        crd["spec"]!["group"]!.GetValue<string>().Should().Be("policyoperator.io");
        version["name"]!.GetValue<string>().Should().Be("v1alpha1");
        names["shortNames"]!.AsArray().Should().NotBeEmpty();
        names["categories"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Contain("policyoperator");
        version["subresources"]!["status"].Should().NotBeNull();
        version["additionalPrinterColumns"]!.AsArray().Count.Should().BeGreaterThan(2);
        var status = version["schema"]!["openAPIV3Schema"]!["properties"]!["status"]!;
        var conditions = status["properties"]!["conditions"]!;
        conditions["x-kubernetes-list-type"]!.GetValue<string>().Should().Be("map");
        conditions["items"]!["required"]!.AsArray().Select(r => r!.GetValue<string>())
            .Should().BeEquivalentTo("type", "status", "lastTransitionTime", "reason");
    }

    [Theory]
    [MemberData(nameof(CrdFiles.All), MemberType = typeof(CrdFiles))]
    public void Every_list_string_and_map_in_the_schema_is_bounded(string file)
    {
        var unbounded = new List<string>();
        Walk(CrdFiles.Schema(file), "", unbounded);

        unbounded.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(CrdFiles.All), MemberType = typeof(CrdFiles))]
    public void Every_printer_column_names_a_field_of_the_schema(string file)
    {
        var crd = CrdFiles.Load(file);
        var schema = CrdFiles.Schema(file);
        foreach (var column in crd["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray())
        {
            var path = column!["jsonPath"]!.GetValue<string>();
            if (path == ".metadata.creationTimestamp")
            {
                continue;
            }

            JsonNode? node = schema;
            foreach (var part in path.Split('[')[0].TrimStart('.').Split('.'))
            {
                node = node?["properties"]?[part] ?? node?["items"]?["properties"]?[part];
            }

            node.Should().NotBeNull($"column {column["name"]} reads {path}");
        }
    }

    private static IReadOnlyList<FieldError> ValidateUpstream(JsonObject crd)
    {
        var document = CrdFiles.UpstreamApiExtensions();
        var validator = new SchemaValidator(document, rejectUnknownFields: true);
        return validator.Validate(crd, new JsonObject { ["$ref"] = CrdSchema });
    }

    private static void Walk(JsonObject schema, string path, List<string> unbounded)
    {
        if (schema["x-kubernetes-preserve-unknown-fields"] is not null)
        {
            return;
        }

        switch (schema["type"]?.GetValue<string>())
        {
            case "array" when schema["maxItems"] is null:
                unbounded.Add(path + " (maxItems)");
                break;
            case "string" when schema["maxLength"] is null && schema["enum"] is null && schema["format"] is null:
                unbounded.Add(path + " (maxLength)");
                break;
            case "object" when schema["additionalProperties"] is not null && schema["maxProperties"] is null:
                unbounded.Add(path + " (maxProperties)");
                break;
        }

        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            if (path.Length == 0 && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            Walk(child!.AsObject(), $"{path}.{name}", unbounded);
        }

        if (schema["items"] is JsonObject items)
        {
            Walk(items, path + "[]", unbounded);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            Walk(additional, path + "{}", unbounded);
        }
    }
}
