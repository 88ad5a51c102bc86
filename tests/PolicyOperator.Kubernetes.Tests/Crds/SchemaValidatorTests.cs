using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Testing.ApiServer.Schema;
using PolicyOperator.Testing.ApiServer.Yaml;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Crds;

public sealed class SchemaValidatorTests
{
    [Theory]
    [InlineData("""{"type":"integer","x-kubernetes-int-or-string":true}""", "\"http\"", true)]
    [InlineData("""{"x-kubernetes-int-or-string":true}""", "true", false)]
    [InlineData("""{"type":"string","nullable":true}""", "null", true)]
    [InlineData("""{"type":"string"}""", "null", false)]
    [InlineData("""{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}}""", """["a","b","a"]""", false)]
    [InlineData("""{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","properties":{"name":{"type":"string"}}}}""", """[{"name":"a"},{"name":"a"}]""", false)]
    [InlineData("""{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}""", """{"apiVersion":"v1","metadata":{}}""", false)]
    [InlineData("""{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}""", """{"apiVersion":"v1","kind":"Pod","spec":{"x":1}}""", true)]
    [InlineData("""{"type":"string","format":"ipv4"}""", "\"169.254.20.10\"", true)]
    [InlineData("""{"type":"string","format":"ipv4"}""", "\"169.254.20\"", false)]
    [InlineData("""{"type":"integer","format":"int32"}""", "4294967296", false)]
    [InlineData("""{"type":"string","pattern":"^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$"}""", "\"1h30m\"", true)]
    [InlineData("""{"type":"string","pattern":"^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$"}""", "\"1d\"", false)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"oneOf":[{"required":["a"]},{"required":["b"]}]}""", """{"a":"x"}""", true)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"not":{"required":["a"]}}""", """{"a":"x"}""", false)]
    public void Validator_applies_the_keyword(string schema, string value, bool valid)
    {
        var errors = new SchemaValidator().Validate(JsonNode.Parse(value), JsonNode.Parse(schema)!.AsObject());

        (errors.Count == 0).Should().Be(valid, string.Join("; ", errors));
    }

    [Fact]
    public void Pruner_removes_unknown_fields_and_reports_them_but_keeps_metadata_and_preserved_objects()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{"metadata":{"type":"object"},"spec":{"type":"object","properties":{
              "known":{"type":"string"},"free":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}
            """)!.AsObject();
        var obj = JsonNode.Parse("""{"metadata":{"name":"n","labels":{"a":"b"}},"spec":{"known":"k","typo":1,"free":{"any":{"thing":true}}},"extra":2}""")!;

        var removed = SchemaPruner.Prune(obj, schema);

        removed.Should().BeEquivalentTo("spec.typo", "extra");
        JsonNode.DeepEquals(obj, JsonNode.Parse("""{"metadata":{"name":"n","labels":{"a":"b"}},"spec":{"known":"k","free":{"any":{"thing":true}}}}""")).Should().BeTrue();
    }

    [Fact]
    public void Yaml_follows_the_core_schema_and_names_duplicate_keys()
    {
        var node = YamlJson.ParseSingle("a: 1\nb: \"1\"\nc: true\nd: ~\ne: 1.5\nf: 2026-11-20T10:00:00Z\ng: 0x1F\n", "test");
        var act = () => YamlJson.ParseSingle("a: 1\nb: 2\na: 3\n", "file.yaml");

        JsonNode.DeepEquals(node, JsonNode.Parse("""{"a":1,"b":"1","c":true,"d":null,"e":1.5,"f":"2026-11-20T10:00:00Z","g":"0x1F"}""")).Should().BeTrue(node.ToJsonString());
        act.Should().Throw<FormatException>().WithMessage("file.yaml: line 3*uplicate key*a*");
    }
}
