using System.Text.Json.Nodes;

namespace PolicyOperator.Kubernetes.Tests.ApiServer;

/// <summary>Small objects for tests.</summary>
public static class Objects
{
    public static JsonObject Pod(string name, string ns = "default", string? node = null, IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        var spec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "nginx" }) };
        if (node is not null)
        {
            spec["nodeName"] = node;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = spec };
    }

    public static JsonObject ConfigMap(string name, string ns = "default", string value = "1") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { ["value"] = value },
    };

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    /// <summary>A minimal valid ObservedTraffic.</summary>
    public static JsonObject ObservedTraffic(string name, string ns = "default", string node = "worker-1") => new()
    {
        ["apiVersion"] = "policyoperator.io/v1alpha1",
        ["kind"] = "ObservedTraffic",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["node"] = node,
            ["workload"] = new JsonObject { ["kind"] = "Deployment", ["name"] = "web", ["namespace"] = ns },
            ["window"] = new JsonObject { ["start"] = "2026-11-20T10:00:00Z", ["end"] = "2026-11-20T10:05:00Z" },
        },
    };

    public static string ResourceVersion(JsonNode obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();
}
