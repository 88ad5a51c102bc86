using System.Text.Json.Serialization;

namespace PolicyOperator.Api.Meta;

/// <summary>
/// meta/v1 Status: what the API server returns for failed calls (and for some deletes), and the
/// object of a watch <c>ERROR</c> event.
/// </summary>
public sealed record Status
{
    public const string KindName = "Status";

    public string ApiVersion { get; init; } = "v1";

    public string Kind { get; init; } = KindName;

    public ListMeta? Metadata { get; init; }

    /// <summary><c>Success</c> or <c>Failure</c> (the JSON field <c>status</c>; a member cannot share the type's name).</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; init; }

    /// <summary>Human-readable description of the failure.</summary>
    public string? Message { get; init; }

    /// <summary>Machine-readable reason, for example <c>Conflict</c>, <c>NotFound</c>, <c>Expired</c>.</summary>
    public string? Reason { get; init; }

    public StatusDetails? Details { get; init; }

    /// <summary>The HTTP status code the failure maps to.</summary>
    public int? Code { get; init; }
}
