using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Schema;

namespace PolicyOperator.Testing.ApiServer.Patching;

/// <summary>
/// Strategic merge patch, approximated without Go struct tags: lists of objects whose field name has
/// a well-known merge key (containers by name, ports by containerPort, conditions by type, ...) merge
/// by that key; other lists are replaced; the <c>$patch</c>, <c>$retainKeys</c>,
/// <c>$setElementOrder</c> and <c>$deleteFromPrimitiveList</c> directives are honoured.
/// </summary>
public static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["resourceClaims"] = "name",
    };

    private static readonly HashSet<string> PrimitiveMergeLists = new(StringComparer.Ordinal) { "finalizers" };

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => Merge(target, patch, parentField: null);

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch, string? parentField)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        if (JsonNodes.AsString(patchObject["$patch"]) == "replace")
        {
            var replacement = patchObject.DeepClone().AsObject();
            replacement.Remove("$patch");
            return replacement;
        }

        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : [];
        if (patchObject["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(JsonNodes.AsString).ToHashSet();
            foreach (var name in result.Select(p => p.Key).Where(n => !keep.Contains(n)).ToList())
            {
                result.Remove(name);
            }
        }

        foreach (var (name, value) in patchObject)
        {
            if (name.StartsWith("$setElementOrder/", StringComparison.Ordinal) || name is "$retainKeys" or "$patch")
            {
                continue;
            }

            if (name.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = name["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    result[field] = new JsonArray(list.Where(i => !remove.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone()).ToArray());
                }

                continue;
            }

            if (value is null)
            {
                result.Remove(name);
            }
            else if (value is JsonObject { Count: 1 } deleteDirective && JsonNodes.AsString(deleteDirective["$patch"]) == "delete")
            {
                result.Remove(name);
            }
            else if (value is JsonArray patchList && result[name] is JsonArray currentList)
            {
                result[name] = MergeList(name, currentList, patchList);
            }
            else
            {
                result[name] = Merge(result[name], value, name);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray current, JsonArray patch)
    {
        if (PrimitiveMergeLists.Contains(field))
        {
            var merged = current.Select(i => i?.DeepClone()).ToList();
            merged.AddRange(patch.Where(p => !current.Any(c => JsonNode.DeepEquals(c, p))).Select(p => p?.DeepClone()));
            return new JsonArray([.. merged]);
        }

        if (!MergeKeys.TryGetValue(field, out var key) || !patch.All(p => p is JsonObject))
        {
            return new JsonArray(patch.Where(p => !(p is JsonObject o && JsonNodes.AsString(o["$patch"]) is not null)).Select(p => p?.DeepClone()).ToArray());
        }

        var result = current.Select(i => i?.DeepClone()).ToList();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var index = result.FindIndex(r => r is JsonObject o && JsonNode.DeepEquals(o[key], item[key]));
            if (JsonNodes.AsString(item["$patch"]) == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                result[index] = Merge(result[index], item, field);
            }
            else
            {
                result.Add(item.DeepClone());
            }
        }

        return new JsonArray([.. result]);
    }
}
