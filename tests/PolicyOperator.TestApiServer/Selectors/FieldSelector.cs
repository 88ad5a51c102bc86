using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Http;
using PolicyOperator.Testing.ApiServer.Resources;

namespace PolicyOperator.Testing.ApiServer.Selectors;

/// <summary>
/// A field selector (<c>metadata.name=x,spec.nodeName!=n</c>) over the fields a resource supports:
/// metadata.name and metadata.namespace everywhere, plus the resource's selectable fields.
/// </summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Path, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string, bool, string)> terms) => _terms = terms;

    /// <summary>The selector that matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>Parses a selector; an unsupported field is a 400, as on a real API server.</summary>
    public static FieldSelector Parse(string? text, ResourceDefinition resource)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var term in text.Split(','))
        {
            var (op, at) = term.IndexOf("!=", StringComparison.Ordinal) is var ne and >= 0 ? ("!=", ne)
                : term.IndexOf("==", StringComparison.Ordinal) is var eq and >= 0 ? ("==", eq)
                : ("=", term.IndexOf('=', StringComparison.Ordinal));
            if (at <= 0)
            {
                throw ApiException.BadRequest($"invalid field selector: \"{term}\": expected field=value, field==value or field!=value");
            }

            var path = term[..at].Trim();
            if (path is not ("metadata.name" or "metadata.namespace") && !resource.SelectableFields.Contains(path))
            {
                throw ApiException.BadRequest($"field label not supported: {path}");
            }

            terms.Add((path, op != "!=", term[(at + op.Length)..].Trim()));
        }

        return new FieldSelector(terms);
    }

    /// <summary>The name the selector pins with <c>metadata.name=</c>, if any.</summary>
    public string? Name => _terms.FirstOrDefault(t => t.Path == "metadata.name" && t.Equal).Value;

    /// <summary>True when every term holds for the object.</summary>
    public bool Matches(JsonObject obj) => _terms.All(t => (Lookup(obj, t.Path) == t.Value) == t.Equal);

    private static string Lookup(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node switch
        {
            null => string.Empty,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
