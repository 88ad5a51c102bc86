using System.Text.Json.Nodes;

namespace PolicyOperator.Testing.ApiServer.Storage;

/// <summary>
/// One change in the store's history: the object after the change (for a deletion, as it was, with
/// the deletion's resourceVersion) and before it (to evaluate selectors on both sides).
/// </summary>
public sealed record StoredEvent(long Revision, string GroupResource, WatchEventType Type, JsonObject Object, JsonObject? Previous)
{
    /// <summary>The namespace of the object; empty when cluster-scoped.</summary>
    public string Namespace => Object["metadata"]?["namespace"]?.GetValue<string>() ?? string.Empty;
}
