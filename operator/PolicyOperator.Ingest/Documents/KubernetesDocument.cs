using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace PolicyOperator.Ingest.Documents;

/// <summary>
/// One Kubernetes object as read from a file (list items already expanded), as JSON with its
/// origin. <see cref="Deserialize{T}"/> gives the typed object, with errors naming the place.
/// </summary>
public sealed class KubernetesDocument
{
    private readonly Func<JsonNode, long?>? _lineOf;

    internal KubernetesDocument(JsonObject json, DocumentSource source, Func<JsonNode, long?>? lineOf)
    {
        Json = json;
        Source = source;
        _lineOf = lineOf;
        Kind = (json["kind"] as JsonValue)?.TryGetValue<string>(out var kind) == true ? kind : string.Empty;
        ApiVersion = (json["apiVersion"] as JsonValue)?.TryGetValue<string>(out var version) == true ? version : string.Empty;
    }

    /// <summary>The object as JSON.</summary>
    public JsonObject Json { get; }

    /// <summary>Where it came from.</summary>
    public DocumentSource Source { get; }

    /// <summary>The <c>kind</c> field (empty when absent).</summary>
    public string Kind { get; }

    /// <summary>The <c>apiVersion</c> field (empty when absent).</summary>
    public string ApiVersion { get; }

    /// <summary><c>namespace/name</c> from metadata, for messages.</summary>
    public string DisplayName
    {
        get
        {
            var meta = Json["metadata"] as JsonObject;
            var name = meta?["name"]?.ToString() ?? "(unnamed)";
            return meta?["namespace"]?.ToString() is { Length: > 0 } ns ? $"{ns}/{name}" : name;
        }
    }

    /// <summary>The typed object, through the API JSON options (strings read leniently from YAML scalars).</summary>
    /// <exception cref="InvalidInputException">The document does not fit the type; the message names the field and line.</exception>
    public T Deserialize<T>()
        where T : class
    {
        var info = (JsonTypeInfo<T>)IngestJson.Options.GetTypeInfo(typeof(T));
        try
        {
            return Json.Deserialize(info) ?? throw new InvalidInputException(Source, $"{Kind} is null");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or InvalidOperationException)
        {
            var jsonPath = (ex as JsonException)?.Path ?? (ex.InnerException as JsonException)?.Path;
            var path = jsonPath is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : null;
            var line = path is null ? null : LineOfPath(jsonPath!);
            var where = line is { } l ? Source with { Line = l } : Source;
            var field = path is null ? string.Empty : $" at {path}";
            throw new InvalidInputException(where, $"{Kind} {DisplayName}{field}: {FirstSentence(ex.Message)}", ex);
        }
    }

    // The deepest node of the JSON path that has a known line (YAML input only).
    private long? LineOfPath(string path)
    {
        if (_lineOf is null)
        {
            return null;
        }

        JsonNode? node = Json;
        long? line = _lineOf(Json);
        foreach (var segment in JsonPathSegments.Split(path))
        {
            node = segment switch
            {
                int index when node is JsonArray array && index < array.Count => array[index],
                string name when node is JsonObject obj => obj[name],
                _ => null,
            };
            if (node is null)
            {
                break;
            }

            line = _lineOf(node) ?? line;
        }

        return line;
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: ... | LineNumber: ..." which is about the converted JSON, not the file.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
