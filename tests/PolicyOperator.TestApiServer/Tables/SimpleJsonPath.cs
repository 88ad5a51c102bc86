using System.Globalization;
using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Schema;

namespace PolicyOperator.Testing.ApiServer.Tables;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>['a.b']</c>, <c>[0]</c>, <c>[*]</c> and
/// <c>[?(@.type=="Ready")]</c>, optionally wrapped in braces.
/// </summary>
public static class SimpleJsonPath
{
    /// <summary>Every value the path selects (none when a step is missing).</summary>
    public static IReadOnlyList<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1];
        }

        if (text.StartsWith('$'))
        {
            text = text[1..];
        }

        var current = new List<JsonNode?> { root };
        var i = 0;
        while (i < text.Length && current.Count > 0)
        {
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is not ('.' or '['))
                {
                    end++;
                }

                var name = text[(i + 1)..end];
                current = name.Length == 0 ? current : [.. current.SelectMany(n => n is JsonObject o && o.TryGetPropertyValue(name, out var v) ? [v] : Array.Empty<JsonNode?>())];
                i = end;
            }
            else if (text[i] == '[')
            {
                var end = Close(text, i);
                current = Step(current, text[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                throw new FormatException($"unexpected '{text[i]}' at {i} in JSONPath {path}");
            }
        }

        return current;
    }

    private static List<JsonNode?> Step(List<JsonNode?> current, string selector)
    {
        if (selector == "*")
        {
            return [.. current.SelectMany(n => n switch { JsonArray a => a, JsonObject o => o.Select(p => p.Value), _ => [] })];
        }

        if (selector.StartsWith('\'') && selector.EndsWith('\''))
        {
            var name = selector[1..^1];
            return [.. current.OfType<JsonObject>().Where(o => o.ContainsKey(name)).Select(o => o[name])];
        }

        if (int.TryParse(selector, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return [.. current.OfType<JsonArray>().Where(a => (index < 0 ? a.Count + index : index) is var at && at >= 0 && at < a.Count).Select(a => a[index < 0 ? a.Count + index : index])];
        }

        if (selector.StartsWith("?(@", StringComparison.Ordinal) && selector.EndsWith(')'))
        {
            var condition = selector[3..^1];
            var (op, at) = condition.IndexOf("!=", StringComparison.Ordinal) is var ne and >= 0 ? ("!=", ne) : ("==", condition.IndexOf("==", StringComparison.Ordinal));
            if (at < 0)
            {
                throw new FormatException($"unsupported JSONPath filter {selector}");
            }

            var field = condition[..at].Trim();
            var expected = condition[(at + 2)..].Trim().Trim('"', '\'');
            return [.. current.OfType<JsonArray>().SelectMany(a => a).Where(item =>
            {
                var value = Evaluate(item, field).FirstOrDefault();
                var text = JsonNodes.AsString(value) ?? value?.ToJsonString();
                return (text == expected) == (op == "==");
            })];
        }

        throw new FormatException($"unsupported JSONPath selector [{selector}]");
    }

    private static int Close(string text, int open)
    {
        var quote = '\0';
        for (var i = open + 1; i < text.Length; i++)
        {
            if (quote != '\0')
            {
                quote = text[i] == quote ? '\0' : quote;
            }
            else if (text[i] is '"' or '\'')
            {
                quote = text[i];
            }
            else if (text[i] == ']')
            {
                return i;
            }
        }

        throw new FormatException($"unclosed [ in JSONPath {text}");
    }
}
