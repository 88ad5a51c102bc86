using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;

namespace PolicyOperator.Controllers.Watches;

/// <summary>
/// Whether the part of an object a proposal depends on changed: the watch handlers skip updates that
/// touch only other fields (pod status, Service status), which are most of a busy cluster's events.
/// </summary>
public static class WatchedChanges
{
    public static bool Same<T>(T? a, T? b) =>
        JsonNode.DeepEquals(JsonSerializer.SerializeToNode(a, ApiJson.Options), JsonSerializer.SerializeToNode(b, ApiJson.Options));
}
