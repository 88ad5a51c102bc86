using System.Text.Json.Nodes;

namespace PolicyOperator.Testing.ApiServer.Schema;

/// <summary>
/// Checks the rules that make a CRD schema structural (Kubernetes API docs, "Specifying a
/// structural schema"): a type on every node, no forbidden keywords, properties and
/// additionalProperties exclusive, junctors that only repeat what is declared outside them,
/// well-formed list types and embedded resources, metadata restricted to name and generateName,
/// and defaults that satisfy their own schema.
/// </summary>
public static class StructuralSchemaChecker
{
    private static readonly string[] ForbiddenKeywords = ["$ref", "definitions", "id", "$schema", "additionalItems", "patternProperties", "dependencies"];
    private static readonly string[] JunctorKeywords = ["allOf", "anyOf", "oneOf", "not"];
    private static readonly string[] NotInJunctors = ["type", "nullable", "default", "additionalProperties", "description", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource"];

    /// <summary>Every violation in the schema rooted at <paramref name="path"/>; empty when structural.</summary>
    public static IReadOnlyList<FieldError> Check(JsonObject root, string path)
    {
        var errors = new List<FieldError>();
        if (JsonNodes.AsString(root["type"]) != "object")
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "type"), FieldErrorType.Invalid, "must be object at the root", root["type"]?.DeepClone()));
        }

        if (root["properties"]?["metadata"] is JsonObject metadata)
        {
            CheckMetadata(metadata, $"{path}.properties[metadata]", errors);
        }

        CheckNode(root, path, errors, isRoot: true);
        return errors;
    }

    private static void CheckNode(JsonObject schema, string path, List<FieldError> errors, bool isRoot = false)
    {
        foreach (var keyword in ForbiddenKeywords.Where(schema.ContainsKey))
        {
            errors.Add(new FieldError(JsonNodes.Child(path, keyword), FieldErrorType.Forbidden, $"{keyword} is not allowed in a structural schema"));
        }

        if (JsonNodes.IsTrue(schema["uniqueItems"]))
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "uniqueItems"), FieldErrorType.Forbidden, "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }

        var type = JsonNodes.AsString(schema["type"]);
        var intOrString = JsonNodes.IsTrue(schema["x-kubernetes-int-or-string"]);
        var preserve = JsonNodes.IsTrue(schema["x-kubernetes-preserve-unknown-fields"]);
        if (string.IsNullOrEmpty(type) && !intOrString && !preserve)
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "type"), FieldErrorType.Required, "must not be empty for specified object fields"));
        }

        if (intOrString && type is not null)
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "type"), FieldErrorType.Forbidden, "must be empty when x-kubernetes-int-or-string is true"));
        }

        if (schema["properties"] is not null && schema["additionalProperties"] is not null)
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "additionalProperties"), FieldErrorType.Forbidden, "additionalProperties and properties are mutual exclusive"));
        }

        if (schema["additionalProperties"] is JsonValue additionalValue && !JsonNodes.IsTrue(additionalValue))
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "additionalProperties"), FieldErrorType.Forbidden, "additionalProperties: false is not allowed; omit unknown fields instead"));
        }

        if (schema["items"] is JsonArray)
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "items"), FieldErrorType.Forbidden, "items must be a schema object and not an array"));
        }

        if (type == "array" && schema["items"] is null)
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "items"), FieldErrorType.Required, "must be specified for arrays"));
        }

        if (JsonNodes.IsTrue(schema["x-kubernetes-embedded-resource"]) && (type != "object" || (schema["properties"] is null && !preserve)))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, "x-kubernetes-embedded-resource needs type object and properties or x-kubernetes-preserve-unknown-fields", null));
        }

        CheckListType(schema, path, errors);
        CheckJunctors(schema, path, errors);

        if (schema["default"] is { } defaultValue)
        {
            var defaultErrors = new SchemaValidator().Validate(defaultValue, WithoutDefault(schema), JsonNodes.Child(path, "default"));
            errors.AddRange(defaultErrors.Select(e => e with { Detail = "default is invalid: " + e.Detail }));
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (isRoot && name == "metadata")
                {
                    continue;
                }

                if (child is JsonObject childSchema)
                {
                    CheckNode(childSchema, $"{path}.properties[{name}]", errors);
                }
            }
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            CheckNode(additional, JsonNodes.Child(path, "additionalProperties"), errors);
        }

        if (schema["items"] is JsonObject items)
        {
            CheckNode(items, JsonNodes.Child(path, "items"), errors);
        }
    }

    private static void CheckListType(JsonObject schema, string path, List<FieldError> errors)
    {
        var listType = JsonNodes.AsString(schema["x-kubernetes-list-type"]);
        var keys = schema["x-kubernetes-list-map-keys"] as JsonArray;
        if (listType is not null and not ("atomic" or "set" or "map"))
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "x-kubernetes-list-type"), FieldErrorType.NotSupported, "supported values: \"atomic\", \"set\", \"map\"", JsonValue.Create(listType)));
        }

        if (keys is not null && listType != "map")
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "x-kubernetes-list-map-keys"), FieldErrorType.Forbidden, "requires x-kubernetes-list-type: map"));
        }

        if (listType != "map")
        {
            return;
        }

        if (keys is null || keys.Count == 0)
        {
            errors.Add(new FieldError(JsonNodes.Child(path, "x-kubernetes-list-map-keys"), FieldErrorType.Required, "must not be empty if x-kubernetes-list-type is map"));
            return;
        }

        var items = schema["items"] as JsonObject;
        var required = (items?["required"] as JsonArray)?.Select(JsonNodes.AsString).ToHashSet() ?? [];
        foreach (var key in keys.Select(JsonNodes.AsString))
        {
            var keySchema = items?["properties"]?[key ?? string.Empty] as JsonObject;
            if (keySchema is null || JsonNodes.AsString(keySchema["type"]) is "object" or "array")
            {
                errors.Add(new FieldError(JsonNodes.Child(path, "x-kubernetes-list-map-keys"), FieldErrorType.Invalid, "entries must all be names of scalar properties of the items", JsonValue.Create(key)));
            }
            else if (!required.Contains(key) && keySchema["default"] is null)
            {
                errors.Add(new FieldError(JsonNodes.Child(path, "x-kubernetes-list-map-keys"), FieldErrorType.Invalid, "entries must all be required or have a default", JsonValue.Create(key)));
            }
        }
    }

    private static void CheckJunctors(JsonObject schema, string path, List<FieldError> errors)
    {
        foreach (var keyword in JunctorKeywords)
        {
            var subs = schema[keyword] switch
            {
                JsonArray array => array.OfType<JsonObject>().ToList(),
                JsonObject single => [single],
                _ => [],
            };
            foreach (var (sub, i) in subs.Select((s, i) => (s, i)))
            {
                var subPath = keyword == "not" ? JsonNodes.Child(path, keyword) : JsonNodes.Index(JsonNodes.Child(path, keyword), i);
                CheckJunctorBody(sub, schema, subPath, errors);
            }
        }
    }

    private static void CheckJunctorBody(JsonObject sub, JsonObject outside, string path, List<FieldError> errors)
    {
        var intOrStringPattern = JsonNodes.IsTrue(outside["x-kubernetes-int-or-string"]) && sub.Count == 1 && sub.ContainsKey("type");
        foreach (var keyword in NotInJunctors.Where(sub.ContainsKey))
        {
            if (keyword == "type" && intOrStringPattern)
            {
                continue;
            }

            errors.Add(new FieldError(JsonNodes.Child(path, keyword), FieldErrorType.Forbidden, "must not be used inside allOf, anyOf, oneOf or not"));
        }

        if (sub["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (outside["properties"]?[name] is not JsonObject outsideChild)
                {
                    errors.Add(new FieldError($"{path}.properties[{name}]", FieldErrorType.Forbidden, "must be specified outside the junctor as well"));
                }
                else if (child is JsonObject childSchema)
                {
                    CheckJunctorBody(childSchema, outsideChild, $"{path}.properties[{name}]", errors);
                }
            }
        }

        if (sub["items"] is JsonObject items)
        {
            if (outside["items"] is JsonObject outsideItems)
            {
                CheckJunctorBody(items, outsideItems, JsonNodes.Child(path, "items"), errors);
            }
            else
            {
                errors.Add(new FieldError(JsonNodes.Child(path, "items"), FieldErrorType.Forbidden, "must be specified outside the junctor as well"));
            }
        }
    }

    private static void CheckMetadata(JsonObject metadata, string path, List<FieldError> errors)
    {
        foreach (var (keyword, value) in metadata)
        {
            if (keyword is "type" or "description")
            {
                continue;
            }

            if (keyword == "properties" && value is JsonObject properties && properties.All(p => p.Key is "name" or "generateName"))
            {
                continue;
            }

            errors.Add(new FieldError(JsonNodes.Child(path, keyword), FieldErrorType.Forbidden, "metadata may only restrict metadata.name and metadata.generateName"));
        }
    }

    private static JsonObject WithoutDefault(JsonObject schema)
    {
        var copy = schema.DeepClone().AsObject();
        copy.Remove("default");
        return copy;
    }
}
