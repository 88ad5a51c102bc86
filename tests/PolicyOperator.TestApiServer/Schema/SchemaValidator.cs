using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PolicyOperator.Testing.ApiServer.Schema;

/// <summary>
/// Validates a JSON value against an OpenAPI v3 schema: the JSONSchemaProps of a CRD, or a schema of
/// an OpenAPI document whose <c>$ref</c>s point into the same document. Covers the keywords the
/// Kubernetes API server checks (types, formats, enums, bounds, patterns, required, list types,
/// embedded resources, allOf/anyOf/oneOf/not); CEL rules (x-kubernetes-validations) are not evaluated.
/// </summary>
public sealed class SchemaValidator
{
    private readonly JsonObject? _document;
    private readonly bool _rejectUnknownFields;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <param name="document">The OpenAPI document <c>$ref</c>s resolve against, if any.</param>
    /// <param name="rejectUnknownFields">Report fields the schema does not declare (strict field validation).</param>
    public SchemaValidator(JsonObject? document = null, bool rejectUnknownFields = false)
    {
        _document = document;
        _rejectUnknownFields = rejectUnknownFields;
    }

    /// <summary>Every error of <paramref name="value"/> against <paramref name="schema"/>; empty when valid.</summary>
    public IReadOnlyList<FieldError> Validate(JsonNode? value, JsonObject schema, string path = "")
    {
        var errors = new List<FieldError>();
        Walk(value, schema, path, errors);
        return errors;
    }

    /// <summary>Follows a <c>$ref</c> (<c>#/components/schemas/...</c>) to the schema it names.</summary>
    public JsonObject Resolve(JsonObject schema)
    {
        for (var hops = 0; schema["$ref"] is { } reference; hops++)
        {
            var pointer = JsonNodes.AsString(reference) ?? throw new InvalidOperationException("$ref must be a string");
            if (_document is null || !pointer.StartsWith("#/", StringComparison.Ordinal) || hops > 64)
            {
                throw new InvalidOperationException($"cannot resolve $ref {pointer}");
            }

            JsonNode? target = _document;
            foreach (var part in pointer[2..].Split('/'))
            {
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            schema = target as JsonObject ?? throw new InvalidOperationException($"$ref {pointer} names no schema");
        }

        return schema;
    }

    private void Walk(JsonNode? value, JsonObject schemaNode, string path, List<FieldError> errors)
    {
        var schema = Resolve(schemaNode);
        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var sub in allOf.OfType<JsonObject>())
            {
                Walk(value, sub, path, errors);
            }
        }

        CheckJunctors(value, schema, path, errors);

        var type = JsonNodes.AsString(schema["type"]);
        if (value is null)
        {
            if (type is not null && !JsonNodes.IsTrue(schema["nullable"]))
            {
                errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body must be of type {type}: \"null\"", null));
            }

            return;
        }

        if (!CheckType(value, schema, type, path, errors))
        {
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            var list = string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"));
            errors.Add(new FieldError(path, FieldErrorType.NotSupported, $"supported values: {list}", value.DeepClone()));
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, errors);
                break;
            default:
                CheckScalar((JsonValue)value, schema, path, errors);
                break;
        }
    }

    private void CheckJunctors(JsonNode? value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["anyOf"] is JsonArray anyOf && anyOf.Count > 0
            && !anyOf.OfType<JsonObject>().Any(sub => Validate(value, sub, path).Count == 0))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, "must validate at least one schema (anyOf)", value?.DeepClone()));
        }

        if (schema["oneOf"] is JsonArray oneOf && oneOf.Count > 0)
        {
            var matches = oneOf.OfType<JsonObject>().Count(sub => Validate(value, sub, path).Count == 0);
            if (matches != 1)
            {
                errors.Add(new FieldError(path, FieldErrorType.Invalid, $"must validate one and only one schema (oneOf), matched {matches}", value?.DeepClone()));
            }
        }

        if (schema["not"] is JsonObject not && Validate(value, not, path).Count == 0)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, "must not validate the schema (not)", value?.DeepClone()));
        }
    }

    private static bool CheckType(JsonNode value, JsonObject schema, string? type, string path, List<FieldError> errors)
    {
        var actual = JsonNodes.TypeName(value);
        if (JsonNodes.IsTrue(schema["x-kubernetes-int-or-string"]))
        {
            if (actual is "integer" or "string")
            {
                return true;
            }

            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body must be of type integer,string: \"{actual}\"", JsonValue.Create(actual)));
            return false;
        }

        var ok = type switch
        {
            null => true,
            "number" => actual is "number" or "integer",
            _ => actual == type,
        };
        if (!ok)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body must be of type {type}: \"{actual}\"", JsonValue.Create(actual)));
        }

        return ok;
    }

    private void CheckObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors)
    {
        var properties = schema["properties"] as JsonObject;
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(JsonNodes.AsString).OfType<string>())
            {
                if (!obj.TryGetPropertyValue(name, out var present) || present is null)
                {
                    errors.Add(new FieldError(JsonNodes.Child(path, name), FieldErrorType.Required, string.Empty));
                }
            }
        }

        if (JsonNodes.IsTrue(schema["x-kubernetes-embedded-resource"]))
        {
            foreach (var name in new[] { "apiVersion", "kind" })
            {
                if (JsonNodes.AsString(obj[name]) is not { Length: > 0 })
                {
                    errors.Add(new FieldError(JsonNodes.Child(path, name), FieldErrorType.Required, "must not be empty"));
                }
            }

            if (obj["metadata"] is { } metadata and not JsonObject)
            {
                errors.Add(new FieldError(JsonNodes.Child(path, "metadata"), FieldErrorType.Invalid, "must be an object", metadata.DeepClone()));
            }
        }

        CheckCount(obj.Count, schema, "maxProperties", "minProperties", path, errors);

        var additional = schema["additionalProperties"];
        var preserve = JsonNodes.IsTrue(schema["x-kubernetes-preserve-unknown-fields"]);
        foreach (var (name, child) in obj)
        {
            var childPath = JsonNodes.Child(path, name);
            if (properties?[name] is JsonObject propertySchema)
            {
                Walk(child, propertySchema, childPath, errors);
            }
            else if (additional is JsonObject additionalSchema)
            {
                Walk(child, additionalSchema, childPath, errors);
            }
            else if (additional is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.False)
            {
                errors.Add(new FieldError(childPath, FieldErrorType.UnknownField, string.Empty));
            }
            else if (_rejectUnknownFields && properties is not null && !preserve && !IsEmbeddedMeta(schema, name))
            {
                errors.Add(new FieldError(childPath, FieldErrorType.UnknownField, string.Empty));
            }
        }
    }

    private static bool IsEmbeddedMeta(JsonObject schema, string name) =>
        JsonNodes.IsTrue(schema["x-kubernetes-embedded-resource"]) && name is "apiVersion" or "kind" or "metadata";

    private void CheckArray(JsonArray array, JsonObject schema, string path, List<FieldError> errors)
    {
        CheckCount(array.Count, schema, "maxItems", "minItems", path, errors);
        var listType = JsonNodes.AsString(schema["x-kubernetes-list-type"]);
        if (JsonNodes.IsTrue(schema["uniqueItems"]) || listType == "set")
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array.Take(i).Any(earlier => JsonNode.DeepEquals(earlier, array[i])))
                {
                    errors.Add(new FieldError(JsonNodes.Index(path, i), FieldErrorType.Duplicate, string.Empty, array[i]?.DeepClone()));
                }
            }
        }
        else if (listType == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys)
        {
            var names = keys.Select(JsonNodes.AsString).OfType<string>().ToList();
            var seen = new List<JsonObject>();
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject item)
                {
                    continue;
                }

                var key = new JsonObject(names.Select(n => KeyValuePair.Create(n, item[n]?.DeepClone())));
                if (seen.Any(s => JsonNode.DeepEquals(s, key)))
                {
                    errors.Add(new FieldError(JsonNodes.Index(path, i), FieldErrorType.Duplicate, string.Empty, key));
                }

                seen.Add(key);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(array[i], items, JsonNodes.Index(path, i), errors);
            }
        }
    }

    private static void CheckCount(int count, JsonObject schema, string maxKeyword, string minKeyword, string path, List<FieldError> errors)
    {
        if (JsonNodes.TryGetNumber(schema[maxKeyword], out var max) && count > max)
        {
            errors.Add(new FieldError(path, FieldErrorType.TooMany, $"{count}: must have at most {max} items"));
        }

        if (JsonNodes.TryGetNumber(schema[minKeyword], out var min) && count < min)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body should have at least {min} items", JsonValue.Create(count)));
        }
    }

    private void CheckScalar(JsonValue value, JsonObject schema, string path, List<FieldError> errors)
    {
        if (JsonNodes.AsString(value) is { } text)
        {
            var length = text.EnumerateRunes().Count();
            if (JsonNodes.TryGetNumber(schema["maxLength"], out var maxLength) && length > maxLength)
            {
                errors.Add(new FieldError(path, FieldErrorType.TooLong, $"may not be more than {maxLength} characters", value.DeepClone()));
            }

            if (JsonNodes.TryGetNumber(schema["minLength"], out var minLength) && length < minLength)
            {
                errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body should be at least {minLength} chars long", value.DeepClone()));
            }

            if (JsonNodes.AsString(schema["pattern"]) is { } pattern && !Pattern(pattern).IsMatch(text))
            {
                errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body should match '{pattern}'", value.DeepClone()));
            }

            if (JsonNodes.AsString(schema["format"]) is { } format && !StringFormats.IsValid(format, text))
            {
                errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body must be of type {format}: \"{text}\"", value.DeepClone()));
            }
        }
        else if (JsonNodes.TryGetNumber(value, out var number))
        {
            CheckNumber(value, number, schema, path, errors);
        }
    }

    private static void CheckNumber(JsonValue value, decimal number, JsonObject schema, string path, List<FieldError> errors)
    {
        var exclusiveMax = JsonNodes.IsTrue(schema["exclusiveMaximum"]);
        if (JsonNodes.TryGetNumber(schema["maximum"], out var max) && (exclusiveMax ? number >= max : number > max))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body should be less than {(exclusiveMax ? string.Empty : "or equal to ")}{max}", value.DeepClone()));
        }

        var exclusiveMin = JsonNodes.IsTrue(schema["exclusiveMinimum"]);
        if (JsonNodes.TryGetNumber(schema["minimum"], out var min) && (exclusiveMin ? number <= min : number < min))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body should be greater than {(exclusiveMin ? string.Empty : "or equal to ")}{min}", value.DeepClone()));
        }

        if (JsonNodes.TryGetNumber(schema["multipleOf"], out var multiple) && multiple != 0 && number % multiple != 0)
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body should be a multiple of {multiple}", value.DeepClone()));
        }

        var format = JsonNodes.AsString(schema["format"]);
        if ((format == "int32" && (number < int.MinValue || number > int.MaxValue)) || (format == "int64" && (number < long.MinValue || number > long.MaxValue)))
        {
            errors.Add(new FieldError(path, FieldErrorType.Invalid, $"{Describe(path)} in body must be of type {format}: \"{number.ToString(CultureInfo.InvariantCulture)}\"", value.DeepClone()));
        }
    }

    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            _patterns[pattern] = regex;
        }

        return regex;
    }

    private static string Describe(string path) => path.Length == 0 ? "<root>" : path;
}
