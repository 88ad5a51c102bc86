using System.Text.Json.Nodes;

namespace PolicyOperator.Ingest.Inventory;

/// <summary>
/// Gives unnamed containers a name (<c>container-N</c>) before typing. The API server requires names,
/// but hand-written inventories (np-guard's test cases among them) often leave them out, and a
/// container's name does not matter for policies; its ports do.
/// </summary>
internal static class ContainerNames
{
    public static void Fill(JsonNode? node, int depth = 0)
    {
        if (depth > 32)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key is "containers" or "initContainers" && value is JsonArray containers)
                    {
                        for (var i = 0; i < containers.Count; i++)
                        {
                            if (containers[i] is JsonObject container && container["name"] is null)
                            {
                                container["name"] = $"container-{i}";
                            }
                        }
                    }
                    else
                    {
                        Fill(value, depth + 1);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Fill(item, depth + 1);
                }

                break;
        }
    }
}
