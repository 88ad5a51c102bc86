using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Api.Networking;

namespace PolicyOperator.Controllers.Enforcement;

/// <summary>
/// A NetworkPolicy spec in the form the API server's defaulting would give it (protocol TCP, policyTypes
/// from the rules), without empty lists or nulls, so that a policy read back from the cluster compares
/// equal to the one applied and defaulting causes no update churn. Pure.
/// </summary>
public static class PolicyNormalizer
{
    public static JsonNode Normalize(NetworkPolicySpec spec)
    {
        var json = JsonSerializer.SerializeToNode(spec, ApiJson.Options) as JsonObject ?? [];
        if (json["policyTypes"] is not JsonArray { Count: > 0 })
        {
            var types = new JsonArray("Ingress");
            if (json["egress"] is JsonArray { Count: > 0 })
            {
                types.Add("Egress");
            }

            json["policyTypes"] = types;
        }

        foreach (var direction in new[] { "ingress", "egress" })
        {
            foreach (var rule in (json[direction] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var port in (rule["ports"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    port["protocol"] ??= "TCP";
                }
            }
        }

        return Prune(json) ?? new JsonObject();
    }

    public static bool SameSpec(NetworkPolicySpec a, NetworkPolicySpec b) => JsonNode.DeepEquals(Normalize(a), Normalize(b));

    /// <summary>Drops nulls, empty objects and empty lists (the API treats absent and empty alike here).</summary>
    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var pruned = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (Prune(value) is { } kept)
                    {
                        pruned[key] = kept;
                    }
                }

                return pruned.Count == 0 ? null : pruned;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    // Keep empty objects inside lists: an empty peer or rule means "everything".
                    items.Add(Prune(item) ?? (item is JsonObject ? new JsonObject() : null));
                }

                return items.Count == 0 ? null : items;
            default:
                return node?.DeepClone();
        }
    }
}
