using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Schema;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>A request failure the server answers with a Kubernetes Status object (code, reason, details).</summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null, TimeSpan? retryAfter = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
        RetryAfter = retryAfter;
    }

    public ApiException()
        : this(500, "InternalError", "internal error")
    {
    }

    public ApiException(string message)
        : this(500, "InternalError", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    /// <summary>The HTTP status code.</summary>
    public int Code { get; }

    /// <summary>The Status reason (NotFound, AlreadyExists, Conflict, Invalid, Expired, ...).</summary>
    public string Reason { get; }

    public JsonObject? Details { get; }

    /// <summary>Sent as Retry-After (seconds) and details.retryAfterSeconds.</summary>
    public TimeSpan? RetryAfter { get; }

    public static ApiException NotFound(string groupResource, string name) =>
        new(404, "NotFound", $"{groupResource} \"{name}\" not found", ResourceDetails(groupResource, name));

    public static ApiException AlreadyExists(string groupResource, string name) =>
        new(409, "AlreadyExists", $"{groupResource} \"{name}\" already exists", ResourceDetails(groupResource, name));

    public static ApiException Conflict(string groupResource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {groupResource} \"{name}\": {why}", ResourceDetails(groupResource, name));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    /// <summary>422 Invalid, worded as the API server words it, with one cause per field error.</summary>
    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        var qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        var list = errors.Count == 1 ? errors[0].Message : $"[{string.Join(", ", errors.Select(e => e.Message))}]";
        var causes = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Reason,
            ["message"] = e.Summary,
            ["field"] = e.Path,
        }).ToArray());
        var details = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind, ["causes"] = causes };
        return new ApiException(422, "Invalid", $"{qualified} \"{name}\" is invalid: {list}", details);
    }

    private static JsonObject ResourceDetails(string groupResource, string name)
    {
        var dot = groupResource.IndexOf('.', StringComparison.Ordinal);
        return new JsonObject
        {
            ["name"] = name,
            ["group"] = dot < 0 ? string.Empty : groupResource[(dot + 1)..],
            ["kind"] = dot < 0 ? groupResource : groupResource[..dot],
        };
    }
}
