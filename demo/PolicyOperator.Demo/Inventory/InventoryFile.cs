using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Demo.Inventory;

/// <summary>Writes an inventory as <c>kubectl get ... -o json</c> prints it: one <c>v1/List</c> of every object.</summary>
internal static class InventoryFile
{
    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    /// <summary>The List document.</summary>
    public static string ToJson(ClusterInventory inventory)
    {
        IEnumerable<object> items =
        [
            .. inventory.Namespaces, .. inventory.Nodes, .. inventory.Deployments, .. inventory.ReplicaSets, .. inventory.StatefulSets,
            .. inventory.Pods, .. inventory.Services, .. inventory.EndpointSlices,
        ];
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray(items.Select(item => JsonSerializer.SerializeToNode(item, item.GetType(), ApiJson.Options)).ToArray()),
        };
        return list.ToJsonString(Indented) + "\n";
    }

    /// <summary>Writes the List to <paramref name="path"/>.</summary>
    public static Task WriteAsync(string path, ClusterInventory inventory, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, ToJson(inventory), cancellationToken);
}
