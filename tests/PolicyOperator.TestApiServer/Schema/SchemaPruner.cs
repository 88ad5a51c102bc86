using System.Text.Json.Nodes;

namespace PolicyOperator.Testing.ApiServer.Schema;

/// <summary>
/// Removes what a structural schema does not declare, as the API server does for custom resources:
/// unknown fields (unless x-kubernetes-preserve-unknown-fields) and nulls of non-nullable fields.
/// Every removed unknown field is reported, so strict validation can reject it and lenient
/// validation can warn about it: nothing disappears without a word.
/// </summary>
public static class SchemaPruner
{
    /// <summary>Prunes <paramref name="value"/> in place; returns the paths of the unknown fields removed.</summary>
    public static IReadOnlyList<string> Prune(JsonNode value, JsonObject schema, string path = "")
    {
        var unknown = new List<string>();
        Walk(value, schema, path, unknown, isRoot: path.Length == 0);
        return unknown;
    }

    private static void Walk(JsonNode? value, JsonObject schema, string path, List<string> unknown, bool isRoot)
    {
        switch (value)
        {
            case JsonObject obj:
                var properties = schema["properties"] as JsonObject;
                var additional = schema["additionalProperties"] as JsonObject;
                var preserve = JsonNodes.IsTrue(schema["x-kubernetes-preserve-unknown-fields"]);
                var embedded = isRoot || JsonNodes.IsTrue(schema["x-kubernetes-embedded-resource"]);
                foreach (var (name, child) in obj.ToList())
                {
                    var childPath = JsonNodes.Child(path, name);
                    var childSchema = properties?[name] as JsonObject ?? additional;
                    if (embedded && (name == "metadata" || (name is "apiVersion" or "kind" && childSchema is null)))
                    {
                        // ObjectMeta is the API server's, not the CRD schema's: never pruned by it.
                        continue;
                    }

                    if (childSchema is null)
                    {
                        if (!preserve)
                        {
                            obj.Remove(name);
                            unknown.Add(childPath);
                        }

                        continue;
                    }

                    if (child is null && !JsonNodes.IsTrue(childSchema["nullable"]))
                    {
                        obj.Remove(name);
                        continue;
                    }

                    Walk(child, childSchema, childPath, unknown, isRoot: false);
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], items, JsonNodes.Index(path, i), unknown, isRoot: false);
                }

                break;
        }
    }
}
