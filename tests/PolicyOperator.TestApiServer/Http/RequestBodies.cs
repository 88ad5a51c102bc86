using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PolicyOperator.Testing.ApiServer.Yaml;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>Reads request bodies: JSON, or YAML where the content type says so; malformed input is a 400 saying where.</summary>
public static class RequestBodies
{
    public static async Task<JsonNode> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentType?.Contains("protobuf", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Typed clients (kubectl create namespace, ...) may send protobuf; this server speaks JSON only.
            throw new ApiException(415, "UnsupportedMediaType", "the test API server accepts JSON and YAML bodies only, not protobuf (use kubectl apply -f, or a JSON content type)");
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiException.BadRequest("the request body is empty");
        }

        var contentType = context.Request.ContentType ?? "application/json";
        try
        {
            return contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase)
                ? YamlJson.ParseSingle(text, "request body")
                : JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false })
                  ?? throw ApiException.BadRequest("the request body is null");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the request body is not valid JSON: {e.Message}");
        }
        catch (FormatException e)
        {
            throw ApiException.BadRequest($"the request body is not valid YAML: {e.Message}");
        }
    }

    /// <summary>Reads a body that must be a JSON object.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadAsync(context).ConfigureAwait(false) as JsonObject
        ?? throw ApiException.BadRequest("the request body must be a JSON object");
}
