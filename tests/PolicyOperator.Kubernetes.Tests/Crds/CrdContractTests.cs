using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FluentAssertions;
using PolicyOperator.Api;
using PolicyOperator.Api.V1Alpha1;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Crds;

/// <summary>
/// The C# API types and the CRD schemas agree field by field: the same JSON names, types, formats,
/// required fields and enum values, walked through System.Text.Json's own contract (so what is
/// compared is what is serialized).
/// </summary>
public sealed class CrdContractTests
{
    public static TheoryData<string, Type> Pairs => new()
    {
        { "policyoperator.io_observedtraffics.yaml", typeof(ObservedTraffic) },
        { "policyoperator.io_networkpolicyproposals.yaml", typeof(NetworkPolicyProposal) },
        { "policyoperator.io_policygenerators.yaml", typeof(PolicyGenerator) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Csharp_type_and_crd_schema_agree_field_by_field(string file, Type type)
    {
        var problems = new List<string>();
        Compare(type, CrdFiles.Schema(file), string.Empty, problems);

        problems.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Crd_names_match_the_constants_of_the_csharp_type(string file, Type type)
    {
        var crd = CrdFiles.Load(file);
        string Constant(string name) => (string)type.GetField(name)!.GetValue(null)!;

        crd["spec"]!["group"]!.GetValue<string>().Should().Be(Constant("Group"));
        crd["spec"]!["versions"]![0]!["name"]!.GetValue<string>().Should().Be(Constant("Version"));
        crd["spec"]!["names"]!["kind"]!.GetValue<string>().Should().Be(Constant("KindName"));
        crd["spec"]!["names"]!["plural"]!.GetValue<string>().Should().Be(Constant("Plural"));
    }

    [Fact]
    public void Contract_check_reports_a_field_the_schema_lacks_and_a_wrong_type()
    {
        var schema = CrdFiles.Schema("policyoperator.io_policygenerators.yaml");
        schema["properties"]!["spec"]!["properties"]!.AsObject().Remove("outputFormat");
        schema["properties"]!["spec"]!["properties"]!["learningWindow"]!["type"] = "integer";
        var problems = new List<string>();

        Compare(typeof(PolicyGenerator), schema, string.Empty, problems);

        problems.Should().HaveCount(2);
        problems.Should().Contain(p => p.StartsWith(".spec.outputFormat", StringComparison.Ordinal));
        problems.Should().Contain(p => p.StartsWith(".spec.learningWindow", StringComparison.Ordinal));
    }

    private static void Compare(Type declared, JsonObject schema, string path, List<string> problems)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var schemaType = schema["type"]?.GetValue<string>();
        var format = schema["format"]?.GetValue<string>();
        void Expect(string expectedType, string? expectedFormat = null)
        {
            if (schemaType != expectedType || (expectedFormat is not null && format != expectedFormat))
            {
                problems.Add($"{path}: C# {type.Name} needs type {expectedType}{(expectedFormat is null ? string.Empty : $" format {expectedFormat}")}, the schema has {schemaType} {format}");
            }
        }

        if (type == typeof(JsonObject))
        {
            if (schema["x-kubernetes-preserve-unknown-fields"] is null)
            {
                problems.Add($"{path}: C# JsonObject needs x-kubernetes-preserve-unknown-fields");
            }

            return;
        }

        if (type.IsEnum)
        {
            Expect("string");
            var values = schema["enum"]?.AsArray().Select(v => v!.GetValue<string>()).ToHashSet() ?? [];
            if (!values.SetEquals(Enum.GetNames(type)))
            {
                problems.Add($"{path}: enum {type.Name} is [{string.Join(", ", Enum.GetNames(type))}], the schema allows [{string.Join(", ", values)}]");
            }

            return;
        }

        if (type == typeof(string))
        {
            Expect("string");
            return;
        }

        if (type == typeof(DateTimeOffset))
        {
            Expect("string", "date-time");
            return;
        }

        if (type == typeof(int))
        {
            Expect("integer", "int32");
            return;
        }

        if (type == typeof(long))
        {
            Expect("integer", "int64");
            return;
        }

        if (type == typeof(bool))
        {
            Expect("boolean");
            return;
        }

        var info = ApiJson.Options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Dictionary:
                Expect("object");
                if (schema["additionalProperties"] is JsonObject values)
                {
                    Compare(info.ElementType!, values, path + "{}", problems);
                }
                else
                {
                    problems.Add($"{path}: C# map needs additionalProperties");
                }

                return;
            case JsonTypeInfoKind.Enumerable:
                Expect("array");
                if (schema["items"] is JsonObject items)
                {
                    Compare(info.ElementType!, items, path + "[]", problems);
                }
                else
                {
                    problems.Add($"{path}: C# list needs items");
                }

                return;
            case JsonTypeInfoKind.Object:
                CompareObject(info, schema, path, problems);
                return;
            default:
                problems.Add($"{path}: no JSON schema mapping for C# type {type.Name}");
                return;
        }
    }

    private static void CompareObject(JsonTypeInfo info, JsonObject schema, string path, List<string> problems)
    {
        if (schema["type"]?.GetValue<string>() != "object")
        {
            problems.Add($"{path}: C# {info.Type.Name} needs type object");
        }

        var properties = schema["properties"] as JsonObject ?? [];
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var serialized = info.Properties.Where(p => p.Get is not null && p.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: true) != true).ToList();
        foreach (var property in serialized)
        {
            var propertyPath = $"{path}.{property.Name}";
            if (path.Length == 0 && property.Name == "metadata")
            {
                continue;
            }

            if (properties[property.Name] is not JsonObject propertySchema)
            {
                problems.Add($"{propertyPath}: in C# {info.Type.Name} but not in the schema");
                continue;
            }

            if (property.IsRequired != required.Contains(property.Name))
            {
                problems.Add($"{propertyPath}: required in {(property.IsRequired ? "C#" : "the schema")} only");
            }

            Compare(property.PropertyType, propertySchema, propertyPath, problems);
        }

        foreach (var (name, _) in properties)
        {
            if (!serialized.Any(p => p.Name == name) && !(path.Length == 0 && name == "metadata"))
            {
                problems.Add($"{path}.{name}: in the schema but not in C# {info.Type.Name}");
            }
        }
    }
}
