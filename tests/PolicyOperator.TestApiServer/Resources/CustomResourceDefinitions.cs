using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyOperator.Testing.ApiServer.Schema;

namespace PolicyOperator.Testing.ApiServer.Resources;

/// <summary>
/// apiextensions.k8s.io/v1 CustomResourceDefinition handling: validation (names, versions,
/// printer columns, structural schemas), defaulting and status, and the resources it defines.
/// </summary>
public static partial class CustomResourceDefinitions
{
    /// <summary>The group resource CRDs are stored under.</summary>
    public const string GroupResource = "customresourcedefinitions.apiextensions.k8s.io";

    private static readonly string[] ColumnTypes = ["integer", "number", "string", "boolean", "date"];

    /// <summary>Every reason the API server would reject this CRD.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonObject crd)
    {
        var errors = new List<FieldError>();
        var spec = crd["spec"] as JsonObject;
        if (spec is null)
        {
            errors.Add(new FieldError("spec", FieldErrorType.Required, string.Empty));
            return errors;
        }

        var group = JsonNodes.AsString(spec["group"]) ?? string.Empty;
        var names = spec["names"] as JsonObject ?? [];
        var plural = JsonNodes.AsString(names["plural"]) ?? string.Empty;
        if (!group.Contains('.', StringComparison.Ordinal) || !Subdomain().IsMatch(group))
        {
            errors.Add(new FieldError("spec.group", FieldErrorType.Invalid, "should be a domain with at least one dot", spec["group"]?.DeepClone()));
        }

        foreach (var field in new[] { "plural", "singular" })
        {
            if (JsonNodes.AsString(names[field]) is { } value && !Label().IsMatch(value))
            {
                errors.Add(new FieldError($"spec.names.{field}", FieldErrorType.Invalid, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'", JsonValue.Create(value)));
            }
        }

        if (plural.Length == 0)
        {
            errors.Add(new FieldError("spec.names.plural", FieldErrorType.Required, string.Empty));
        }

        if (JsonNodes.AsString(names["kind"]) is not { Length: > 0 })
        {
            errors.Add(new FieldError("spec.names.kind", FieldErrorType.Required, string.Empty));
        }

        var name = JsonNodes.AsString(crd["metadata"]?["name"]);
        if (name != $"{plural}.{group}")
        {
            errors.Add(new FieldError("metadata.name", FieldErrorType.Invalid, "must be spec.names.plural+\".\"+spec.group", JsonValue.Create(name)));
        }

        if (JsonNodes.AsString(spec["scope"]) is not ("Namespaced" or "Cluster"))
        {
            errors.Add(new FieldError("spec.scope", FieldErrorType.NotSupported, "supported values: \"Cluster\", \"Namespaced\"", spec["scope"]?.DeepClone()));
        }

        ValidateVersions(spec, errors);
        return errors;
    }

    /// <summary>Fills the defaults and the status a real API server reports once the names are accepted.</summary>
    public static void Normalize(JsonObject crd, DateTimeOffset now)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var kind = JsonNodes.AsString(names["kind"])!;
        names["singular"] ??= kind.ToLowerInvariant();
        names["listKind"] ??= kind + "List";
        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
        var storage = ((JsonArray)spec["versions"]!).OfType<JsonObject>().Where(v => JsonNodes.IsTrue(v["storage"])).Select(v => v["name"]?.DeepClone());
        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(Condition("NamesAccepted", "NoConflicts", "no conflicts found", now), Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["acceptedNames"] = names.DeepClone(),
            ["storedVersions"] = new JsonArray([.. storage]),
        };
    }

    /// <summary>One resource definition per served version.</summary>
    public static IReadOnlyList<ResourceDefinition> ToDefinitions(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var kind = JsonNodes.AsString(names["kind"])!;
        var definitions = new List<ResourceDefinition>();
        foreach (var version in ((JsonArray)spec["versions"]!).OfType<JsonObject>().Where(v => JsonNodes.IsTrue(v["served"])))
        {
            definitions.Add(new ResourceDefinition
            {
                Group = JsonNodes.AsString(spec["group"])!,
                Version = JsonNodes.AsString(version["name"])!,
                Plural = JsonNodes.AsString(names["plural"])!,
                Singular = JsonNodes.AsString(names["singular"]) ?? kind.ToLowerInvariant(),
                Kind = kind,
                Namespaced = JsonNodes.AsString(spec["scope"]) == "Namespaced",
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = version["subresources"]?["status"] is not null,
                Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone().AsObject(),
                PrinterColumns = [.. (version["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new PrinterColumn(
                    JsonNodes.AsString(c["name"])!, JsonNodes.AsString(c["type"])!, JsonNodes.AsString(c["jsonPath"])!,
                    JsonNodes.TryGetNumber(c["priority"], out var p) ? (int)p : 0, JsonNodes.AsString(c["format"]), JsonNodes.AsString(c["description"])))],
                SelectableFields = [.. (version["selectableFields"] as JsonArray ?? []).Select(f => JsonNodes.AsString(f?["jsonPath"])?.TrimStart('.')).OfType<string>()],
                IsCustom = true,
            });
        }

        return definitions;
    }

    private static void ValidateVersions(JsonObject spec, List<FieldError> errors)
    {
        if (spec["versions"] is not JsonArray { Count: > 0 } versions)
        {
            errors.Add(new FieldError("spec.versions", FieldErrorType.Invalid, "must have exactly one version marked as storage version", null));
            return;
        }

        if (versions.Count(v => JsonNodes.IsTrue(v?["storage"])) != 1)
        {
            errors.Add(new FieldError("spec.versions", FieldErrorType.Invalid, "must have exactly one version marked as storage version", null));
        }

        for (var i = 0; i < versions.Count; i++)
        {
            var path = $"spec.versions[{i}]";
            if (versions[i] is not JsonObject version)
            {
                continue;
            }

            if (JsonNodes.AsString(version["name"]) is not { } versionName || !Label().IsMatch(versionName))
            {
                errors.Add(new FieldError($"{path}.name", FieldErrorType.Invalid, "must be a DNS-1035 label", version["name"]?.DeepClone()));
            }

            if (version["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                errors.AddRange(StructuralSchemaChecker.Check(schema, $"{path}.schema.openAPIV3Schema"));
            }
            else
            {
                errors.Add(new FieldError($"{path}.schema.openAPIV3Schema", FieldErrorType.Required, "schemas are required"));
            }

            var columns = version["additionalPrinterColumns"] as JsonArray ?? [];
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c] as JsonObject ?? [];
                var columnPath = $"{path}.additionalPrinterColumns[{c}]";
                if (JsonNodes.AsString(column["name"]) is not { Length: > 0 })
                {
                    errors.Add(new FieldError($"{columnPath}.name", FieldErrorType.Required, string.Empty));
                }

                if (JsonNodes.AsString(column["type"]) is not { } type || !ColumnTypes.Contains(type))
                {
                    errors.Add(new FieldError($"{columnPath}.type", FieldErrorType.NotSupported, "supported values: \"integer\", \"number\", \"string\", \"boolean\", \"date\"", column["type"]?.DeepClone()));
                }

                if (JsonNodes.AsString(column["jsonPath"]) is not { } jsonPath || !jsonPath.StartsWith('.'))
                {
                    errors.Add(new FieldError($"{columnPath}.jsonPath", FieldErrorType.Invalid, "must be a simple json path starting with .", column["jsonPath"]?.DeepClone()));
                }
            }
        }
    }

    private static JsonObject Condition(string type, string reason, string message, DateTimeOffset now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["reason"] = reason,
        ["message"] = message,
    };

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(JsonNodes.AsString).OfType<string>()] : [];

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
