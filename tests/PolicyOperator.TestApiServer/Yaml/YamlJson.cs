using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolicyOperator.Testing.ApiServer.Yaml;

/// <summary>
/// Converts YAML (manifests, apply-patch bodies) to JSON nodes with the YAML 1.2 core schema:
/// plain scalars become null, booleans and numbers where they look like them, everything else a string.
/// </summary>
public static partial class YamlJson
{
    /// <summary>Parses every non-empty document of a YAML stream; errors name the source, line and column.</summary>
    public static IReadOnlyList<JsonNode> ParseDocuments(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}: line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }

        var documents = new List<JsonNode>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" })
            {
                continue;
            }

            documents.Add(Convert(document.RootNode, source) ?? throw new FormatException($"{source}: a document is null"));
        }

        return documents;
    }

    /// <summary>Parses a YAML stream that must hold exactly one document.</summary>
    public static JsonNode ParseSingle(string yaml, string source)
    {
        var documents = ParseDocuments(yaml, source);
        return documents.Count == 1
            ? documents[0]
            : throw new FormatException($"{source}: expected one YAML document, found {documents.Count}");
    }

    private static JsonNode? Convert(YamlNode node, string source)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode { Value: { } text }
                        ? text
                        : throw new FormatException($"{source}: line {key.Start.Line}: mapping keys must be scalars");
                    if (obj.ContainsKey(name))
                    {
                        throw new FormatException($"{source}: line {key.Start.Line}, column {key.Start.Column}: duplicate key \"{name}\"");
                    }

                    obj[name] = Convert(value, source);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, source));
                }

                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                throw new FormatException($"{source}: line {node.Start.Line}: unsupported YAML node {node.NodeType}");
        }
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
