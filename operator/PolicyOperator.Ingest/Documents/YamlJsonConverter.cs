using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolicyOperator.Ingest.Documents;

/// <summary>
/// Turns a YAML node tree into JSON nodes, remembering the line of every node. Plain scalars
/// follow the YAML 1.2 core schema (<c>80</c> is a number, <c>true</c> a bool, <c>null</c>/<c>~</c>/empty
/// is null); quoted, block and <c>!!str</c>-tagged scalars stay strings.
/// </summary>
internal sealed partial class YamlJsonConverter
{
    private const string StringTag = "tag:yaml.org,2002:str";

    private readonly string _file;
    private readonly Dictionary<JsonNode, long> _lines = new(ReferenceEqualityComparer.Instance);

    public YamlJsonConverter(string file) => _file = file;

    /// <summary>The 1-based line of a node this converter made, or null.</summary>
    public long? LineOf(JsonNode node) => _lines.TryGetValue(node, out var line) ? line : null;

    public JsonNode? Convert(YamlNode node, int depth = 0)
    {
        if (depth > 200)
        {
            throw new InvalidInputException(new DocumentSource(_file, node.Start.Line), "YAML nested too deeply");
        }

        JsonNode? json = node switch
        {
            YamlMappingNode mapping => ConvertMapping(mapping, depth),
            YamlSequenceNode sequence => ConvertSequence(sequence, depth),
            YamlScalarNode scalar => ConvertScalar(scalar),
            _ => throw new InvalidInputException(new DocumentSource(_file, node.Start.Line), $"unsupported YAML node {node.NodeType}"),
        };
        if (json is not null)
        {
            _lines[json] = node.Start.Line;
        }

        return json;
    }

    private JsonObject ConvertMapping(YamlMappingNode mapping, int depth)
    {
        var obj = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new InvalidInputException(new DocumentSource(_file, keyNode.Start.Line), "a mapping key must be a plain value");
            }

            if (obj.ContainsKey(key))
            {
                throw new InvalidInputException(new DocumentSource(_file, keyNode.Start.Line), $"duplicate key '{key}'");
            }

            obj[key] = Convert(valueNode, depth + 1);
        }

        return obj;
    }

    private JsonArray ConvertSequence(YamlSequenceNode sequence, int depth)
    {
        var array = new JsonArray();
        foreach (var item in sequence.Children)
        {
            array.Add(Convert(item, depth + 1));
        }

        return array;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
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

        // A JSON-shaped number keeps its exact text (so "1.10" read as a string stays "1.10").
        if (JsonNumber().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return JsonNode.Parse(value);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
