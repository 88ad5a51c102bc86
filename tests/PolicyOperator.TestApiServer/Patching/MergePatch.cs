using System.Text.Json.Nodes;

namespace PolicyOperator.Testing.ApiServer.Patching;

/// <summary>JSON merge patch (RFC 7386): objects merge, null removes, anything else replaces.</summary>
public static class MergePatch
{
    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }

        return result;
    }

    /// <summary>The merge patch that turns <paramref name="original"/> into <paramref name="modified"/>.</summary>
    public static JsonObject Create(JsonObject original, JsonObject modified)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in original)
        {
            if (!modified.ContainsKey(name))
            {
                patch[name] = null;
            }
        }

        foreach (var (name, value) in modified)
        {
            var before = original[name];
            if (before is JsonObject beforeObject && value is JsonObject afterObject)
            {
                var nested = Create(beforeObject, afterObject);
                if (nested.Count > 0)
                {
                    patch[name] = nested;
                }
            }
            else if (!original.ContainsKey(name) || !JsonNode.DeepEquals(before, value))
            {
                patch[name] = value?.DeepClone();
            }
        }

        return patch;
    }
}
