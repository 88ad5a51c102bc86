using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>Writes JSON bodies and Kubernetes Status objects.</summary>
public static class Responses
{
    /// <summary>Compact JSON with non-ASCII text kept as is.</summary>
    public static JsonSerializerOptions Json { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body, string contentType = "application/json")
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The Status object for a failure.</summary>
    public static JsonObject Status(ApiException error)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = error.Message,
            ["reason"] = error.Reason,
        };
        var details = error.Details?.DeepClone().AsObject();
        if (error.RetryAfter is { } retry)
        {
            details ??= [];
            details["retryAfterSeconds"] = RetrySeconds(retry);
        }

        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = error.Code;
        return status;
    }

    public static Task WriteStatusAsync(HttpContext context, ApiException error)
    {
        if (error.RetryAfter is { } retry)
        {
            context.Response.Headers.RetryAfter = RetrySeconds(retry).ToString(CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, error.Code, Status(error));
    }

    private static int RetrySeconds(TimeSpan retry) => Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
}
