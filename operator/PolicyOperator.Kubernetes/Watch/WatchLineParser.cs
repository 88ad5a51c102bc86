using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Errors;

namespace PolicyOperator.Kubernetes.Watch;

/// <summary>
/// Turns one line of a watch stream (<c>{"type":"ADDED","object":{...}}</c>) into a
/// <see cref="WatchEvent{T}"/>. An <c>ERROR</c> line becomes the typed exception of its Status.
/// </summary>
internal static class WatchLineParser
{
    /// <exception cref="JsonException">The line is not a watch event of <typeparamref name="T"/>.</exception>
    /// <exception cref="KubernetesApiException">The server sent an ERROR event (410 Gone: <see cref="ResourceExpiredException"/>).</exception>
    public static WatchEvent<T> Parse<T>(string line, JsonTypeInfo<T> typeInfo, string call)
        where T : class, IKubernetesObject<ObjectMeta>
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var typeElement)
            || !root.TryGetProperty("object", out var objectElement)
            || objectElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a watch event needs \"type\" and an \"object\"");
        }

        var type = typeElement.GetString() switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            var other => throw new JsonException($"unknown watch event type '{other}'"),
        };

        switch (type)
        {
            case WatchEventType.Error:
                var status = objectElement.Deserialize(MetaJsonContext.Default.Status) ?? new Status();
                throw KubernetesApiException.Create(call, (System.Net.HttpStatusCode)(status.Code ?? 500), status);
            case WatchEventType.Bookmark:
                // A bookmark's object is only a shell; its required fields may be missing.
                return new WatchEvent<T>(type, null, ResourceVersionOf(objectElement));
            default:
                var value = objectElement.Deserialize(typeInfo) ?? throw new JsonException("the event's object is null");
                return new WatchEvent<T>(type, value, value.Metadata.ResourceVersion);
        }
    }

    private static string? ResourceVersionOf(JsonElement element) =>
        element.TryGetProperty("metadata", out var metadata)
        && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("resourceVersion", out var version)
        && version.ValueKind == JsonValueKind.String
            ? version.GetString()
            : null;
}
