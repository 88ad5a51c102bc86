using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyOperator.Testing.ApiServer.Resources;
using PolicyOperator.Testing.ApiServer.Schema;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>
/// What happens to an object between the request body and the store, as on a real API server:
/// type and name checks, status-subresource rules, pruning and defaulting by the CRD schema, schema
/// validation (422 with field paths), strict field validation, and the built-in defaulting this
/// project relies on (namespace name label, CRD status).
/// </summary>
public static partial class ObjectAdmission
{
    /// <summary>Checks apiVersion and kind against the URL, filling them when absent.</summary>
    public static void CheckType(ResourceDefinition resource, JsonObject obj)
    {
        var apiVersion = JsonNodes.AsString(obj["apiVersion"]);
        var kind = JsonNodes.AsString(obj["kind"]);
        if (apiVersion is { Length: > 0 } && apiVersion != resource.GroupVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.GroupVersion})");
        }

        if (kind is { Length: > 0 } && kind != resource.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({resource.Kind})");
        }

        obj["apiVersion"] = resource.GroupVersion;
        obj["kind"] = resource.Kind;
        if (obj["metadata"] is not JsonObject)
        {
            obj["metadata"] = new JsonObject();
        }
    }

    /// <summary>
    /// The object to store for a write to the main resource or its status subresource: with a status
    /// subresource, the main resource keeps the stored status (none on create) and the status
    /// subresource changes nothing else.
    /// </summary>
    public static JsonObject ApplySubresourceRules(ResourceDefinition resource, JsonObject desired, JsonObject? current, string? subresource)
    {
        if (subresource == "status")
        {
            var result = current!.DeepClone().AsObject();
            result["status"] = desired["status"]?.DeepClone();
            if (result["status"] is null)
            {
                result.Remove("status");
            }

            if (JsonNodes.AsString(desired["metadata"]?["resourceVersion"]) is { } rv)
            {
                result["metadata"]!["resourceVersion"] = rv;
            }

            return result;
        }

        if (resource.HasStatus)
        {
            if (current?["status"] is { } status)
            {
                desired["status"] = status.DeepClone();
            }
            else if (resource.IsCustom || current is not null)
            {
                desired.Remove("status");
            }
        }

        return desired;
    }

    /// <summary>
    /// Prunes, defaults and validates the object. Unknown fields are an error under
    /// <c>fieldValidation=Strict</c>, a warning otherwise; schema violations are 422 Invalid.
    /// </summary>
    public static void Admit(ResourceDefinition resource, JsonObject obj, string fieldValidation, List<string> warnings, DateTimeOffset now)
    {
        var name = JsonNodes.AsString(obj["metadata"]?["name"]) ?? string.Empty;
        var errors = new List<FieldError>();
        ValidateName(resource, name, errors);

        if (resource.Schema is { } schema)
        {
            var unknown = SchemaPruner.Prune(obj, schema);
            if (unknown.Count > 0 && fieldValidation != "Ignore")
            {
                var messages = unknown.Select(u => $"unknown field \"{u}\"").ToList();
                if (fieldValidation == "Strict")
                {
                    throw ApiException.BadRequest($"strict decoding error: {string.Join(", ", messages)}");
                }

                warnings.AddRange(messages);
            }

            SchemaDefaulter.Apply(obj, schema);
            errors.AddRange(new SchemaValidator().Validate(obj, schema));
        }

        if (resource.GroupResource == "namespaces")
        {
            var labels = obj["metadata"]!["labels"] as JsonObject ?? [];
            labels["kubernetes.io/metadata.name"] = name;
            obj["metadata"]!["labels"] = labels;
            obj["status"] ??= new JsonObject { ["phase"] = "Active" };
        }

        if (resource.GroupResource == CustomResourceDefinitions.GroupResource)
        {
            errors.AddRange(CustomResourceDefinitions.Validate(obj));
            if (errors.Count == 0)
            {
                CustomResourceDefinitions.Normalize(obj, now);
            }
        }

        if (errors.Count > 0)
        {
            throw ApiException.Invalid(resource.Kind, resource.Group, name, errors);
        }
    }

    private static void ValidateName(ResourceDefinition resource, string name, List<FieldError> errors)
    {
        if (name.Length == 0)
        {
            errors.Add(new FieldError("metadata.name", FieldErrorType.Required, "name or generateName is required"));
            return;
        }

        var label = resource.GroupResource == "namespaces";
        var max = label ? 63 : 253;
        if (name.Length > max || !(label ? Label() : Subdomain()).IsMatch(name))
        {
            var what = label ? "a lowercase RFC 1123 label" : "a lowercase RFC 1123 subdomain";
            errors.Add(new FieldError("metadata.name", FieldErrorType.Invalid,
                $"{what} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (at most {max} characters)",
                JsonValue.Create(name)));
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
