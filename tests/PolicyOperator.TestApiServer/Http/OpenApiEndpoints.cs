using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PolicyOperator.Testing.ApiServer.Resources;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>
/// OpenAPI v3 as kubectl reads it: <c>/openapi/v3</c> lists one document per group version, and each
/// document declares a PATCH operation per kind with the <c>fieldValidation</c> parameter (so kubectl
/// leaves validation to the server, which validates custom resources against their CRD schema) and
/// the CRD schemas as components (so <c>kubectl explain</c> works for them). Built-in kinds are
/// described as free-form objects. OpenAPI v2 is not served (404).
/// </summary>
internal sealed class OpenApiEndpoints(ResourceRegistry registry)
{
    /// <summary>Answers an OpenAPI path; false when the path is not one.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, string path)
    {
        if (path == "/openapi/v3" || path == "/openapi/v3/")
        {
            var paths = new JsonObject();
            foreach (var groupVersion in registry.All.Select(PathOf).Distinct())
            {
                var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Document(groupVersion)!.ToJsonString())));
                paths[groupVersion] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{groupVersion}?hash={hash}" };
            }

            await Responses.WriteJsonAsync(context, 200, new JsonObject { ["paths"] = paths }).ConfigureAwait(false);
            return true;
        }

        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var document = Document(path["/openapi/v3/".Length..].Trim('/'))
                ?? throw new ApiException(404, "NotFound", "the server could not find the requested OpenAPI document");
            await Responses.WriteJsonAsync(context, 200, document).ConfigureAwait(false);
            return true;
        }

        if (path.StartsWith("/openapi/", StringComparison.Ordinal) || path.StartsWith("/swagger", StringComparison.Ordinal))
        {
            throw new ApiException(404, "NotFound", "OpenAPI v2 is not served by the test API server; use OpenAPI v3");
        }

        return false;
    }

    private static string PathOf(ResourceDefinition r) => r.Group.Length == 0 ? $"api/{r.Version}" : $"apis/{r.Group}/{r.Version}";

    private JsonObject? Document(string groupVersionPath)
    {
        var resources = registry.All.Where(r => PathOf(r) == groupVersionPath).ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var resource in resources)
        {
            var schemaName = SchemaName(resource);
            var gvk = new JsonObject { ["group"] = resource.Group, ["version"] = resource.Version, ["kind"] = resource.Kind };
            var schema = resource.Schema?.DeepClone().AsObject() ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            schemas[schemaName] = schema;

            var itemPath = resource.Namespaced
                ? $"{resource.PathPrefix}/namespaces/{{namespace}}/{resource.Plural}/{{name}}"
                : $"{resource.PathPrefix}/{resource.Plural}/{{name}}";
            var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
            paths[itemPath] = new JsonObject
            {
                ["get"] = Operation("read", gvk, reference, []),
                ["put"] = Operation("replace", gvk, reference, ["fieldValidation", "dryRun", "fieldManager"]),
                ["patch"] = Operation("patch", gvk, reference, ["fieldValidation", "dryRun", "fieldManager", "force"], patch: true),
                ["delete"] = Operation("delete", gvk, reference, ["dryRun"]),
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.35.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Operation(string action, JsonObject gvk, JsonObject reference, string[] parameters, bool patch = false)
    {
        var operation = new JsonObject
        {
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
            ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p,
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = p == "force" ? "boolean" : "string", ["uniqueItems"] = true },
            })]),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference.DeepClone() } },
                },
            },
        };
        if (patch)
        {
            var content = new JsonObject();
            foreach (var type in new[] { "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml" })
            {
                content[type] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
            }

            operation["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }

        return operation;
    }

    private static string SchemaName(ResourceDefinition resource)
    {
        var group = resource.Group.Length == 0 ? "core" : string.Join('.', resource.Group.Split('.').Reverse());
        return $"{group}.{resource.Version}.{resource.Kind}";
    }
}
