using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PolicyOperator.Ingest.Documents;

/// <summary>
/// Writes JSON as YAML the way <c>kubectl get -o yaml</c> prints it: keys sorted, sequences at their
/// parent's indentation, strings quoted only where YAML would read them as something else. The output
/// depends only on the JSON, so equal objects always give equal bytes.
/// </summary>
public static partial class KubernetesYaml
{
    /// <summary>One YAML document (no <c>---</c>), ending with a newline.</summary>
    public static string Write(JsonNode node)
    {
        var text = new StringBuilder();
        WriteValue(text, node, 0, inSequence: false);
        return text.ToString();
    }

    /// <summary>Several documents separated by <c>---</c>.</summary>
    public static string WriteAll(IEnumerable<JsonNode> nodes) => string.Join("---\n", nodes.Select(Write));

    private static void WriteValue(StringBuilder text, JsonNode? node, int indent, bool inSequence)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    // The first key of a sequence item follows its "- " on the same line.
                    if (!(first && inSequence))
                    {
                        text.Append(' ', indent);
                    }

                    first = false;
                    text.Append(Scalar(key)).Append(':');
                    WriteNested(text, value, indent);
                }

                break;
            case JsonArray array when array.Count > 0:
                foreach (var item in array)
                {
                    text.Append(' ', indent).Append("- ");
                    if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                    {
                        if (item is JsonArray)
                        {
                            text.Append('\n');
                            WriteValue(text, item, indent + 2, inSequence: false);
                        }
                        else
                        {
                            WriteValue(text, item, indent + 2, inSequence: true);
                        }
                    }
                    else
                    {
                        text.Append(Inline(item)).Append('\n');
                    }
                }

                break;
            default:
                text.Append(' ', inSequence ? 0 : indent).Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void WriteNested(StringBuilder text, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 }:
                text.Append('\n');
                WriteValue(text, value, indent + 2, inSequence: false);
                break;
            case JsonArray { Count: > 0 }:
                text.Append('\n');
                WriteValue(text, value, indent, inSequence: false);
                break;
            default:
                text.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => Scalar(value.GetValue<string>()),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "true" : "false",
        _ => node.ToJsonString(),
    };

    /// <summary>A string as a plain scalar where that reads back as the same string, else quoted.</summary>
    internal static string Scalar(string value)
    {
        var otherType = LooksLikeOtherType(value);
        if (value.Length > 0 && PlainSafe().IsMatch(value) && !otherType)
        {
            return value;
        }

        // As kubectl: a string that would read as a number or boolean in double quotes, other special ones in single quotes.
        var simple = !value.Any(c => char.IsControl(c) || c is '"' or '\\');
        if (otherType && simple)
        {
            return $"\"{value}\"";
        }

        if (!value.Contains('\'', StringComparison.Ordinal) && !value.Any(char.IsControl))
        {
            return $"'{value}'";
        }

        return JsonSerializer.Serialize(value, YamlStringJsonContext.Default.String);
    }

    private static bool LooksLikeOtherType(string value) =>
        value is "~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            or "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF" or "y" or "Y" or "n" or "N"
        || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || value.StartsWith("0o", StringComparison.OrdinalIgnoreCase)
        || value is ".inf" or ".Inf" or "-.inf" or ".nan" or ".NaN";

    // Starts with a letter, digit, '/', '.', '_' or a '-' not followed by a space; no ": ", " #", or flow/indicator characters.
    [GeneratedRegex(@"^(?![-?:](\s|$))[^\s!&*'""%@`|>#,\[\]{}](?:[^:#\n]|:(?=\S)|(?<=\S)#)*(?<![\s:])$")]
    private static partial Regex PlainSafe();
}
