using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyOperator.Testing.ApiServer.Schema;

/// <summary>Small helpers over System.Text.Json nodes shared by the schema code and the server.</summary>
public static class JsonNodes
{
    /// <summary>The JSON type name of a node as OpenAPI names it (null, object, array, string, integer, number, boolean).</summary>
    public static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => TryGetNumber(v, out var d) && decimal.Truncate(d) == d ? "integer" : "number",
            _ => "null",
        },
        _ => "unknown",
    };

    /// <summary>Reads a JSON number exactly, whatever CLR type backs the node.</summary>
    public static bool TryGetNumber(JsonNode? node, out decimal value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The string value of a node, or null when it is not a string.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>True when the node is the JSON boolean true.</summary>
    public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>Appends a property name to a field path (<c>spec</c> + <c>port</c> = <c>spec.port</c>).</summary>
    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Appends an index to a field path (<c>spec.ingress[0]</c>).</summary>
    public static string Index(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";
}
