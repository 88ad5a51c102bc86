using System.Globalization;
using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Http;
using PolicyOperator.Testing.ApiServer.Schema;

namespace PolicyOperator.Testing.ApiServer.Patching;

/// <summary>JSON patch (RFC 6902): add, remove, replace, move, copy and test with JSON pointers.</summary>
public static class JsonPatch
{
    /// <summary>Applies the operations in order to a copy of <paramref name="target"/>; a failing one is a 422 naming it.</summary>
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("a JSON patch must be an array of operations");
        }

        var document = target.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i] as JsonObject ?? throw ApiException.BadRequest($"JSON patch operation {i} is not an object");
            var name = JsonNodes.AsString(op["op"]);
            var path = JsonNodes.AsString(op["path"]) ?? throw ApiException.BadRequest($"JSON patch operation {i} has no path");
            try
            {
                switch (name)
                {
                    case "add":
                        Add(document, path, op["value"]?.DeepClone());
                        break;
                    case "remove":
                        Remove(document, path);
                        break;
                    case "replace":
                        Remove(document, path);
                        Add(document, path, op["value"]?.DeepClone());
                        break;
                    case "move":
                        var moved = Get(document, From(op, i));
                        Remove(document, From(op, i));
                        Add(document, path, moved);
                        break;
                    case "copy":
                        Add(document, path, Get(document, From(op, i))?.DeepClone());
                        break;
                    case "test":
                        if (!JsonNode.DeepEquals(Get(document, path), op["value"]))
                        {
                            throw new InvalidOperationException("testing value failed");
                        }

                        break;
                    default:
                        throw ApiException.BadRequest($"JSON patch operation {i}: unsupported op \"{name}\"");
                }
            }
            catch (InvalidOperationException e)
            {
                throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: JSON patch operation {i} ({name} {path}): {e.Message}");
            }
        }

        return document;
    }

    private static string From(JsonObject op, int i) =>
        JsonNodes.AsString(op["from"]) ?? throw ApiException.BadRequest($"JSON patch operation {i} has no from");

    private static JsonNode? Get(JsonNode document, string path) => Get(document, Tokens(path));

    private static JsonNode? Get(JsonNode document, IEnumerable<string> tokens)
    {
        JsonNode? node = document;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count => a[index],
                _ => throw new InvalidOperationException("path does not exist"),
            };
        }

        return node;
    }

    private static void Add(JsonNode document, string path, JsonNode? value)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= a.Count:
                a.Insert(index, value);
                break;
            default:
                throw new InvalidOperationException("path does not exist");
        }
    }

    private static void Remove(JsonNode document, string path)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count:
                a.RemoveAt(index);
                break;
            default:
                throw new InvalidOperationException("path does not exist");
        }
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode document, string path)
    {
        var tokens = Tokens(path);
        if (tokens.Count == 0)
        {
            throw new InvalidOperationException("the root cannot be replaced");
        }

        var parent = Get(document, tokens.Take(tokens.Count - 1))
            ?? throw new InvalidOperationException("path does not exist");
        return (parent, tokens[^1]);
    }

    private static List<string> Tokens(string path) =>
        path.Length == 0
            ? []
            : path.StartsWith('/')
                ? [.. path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))]
                : throw new InvalidOperationException("a JSON pointer must start with /");
}
