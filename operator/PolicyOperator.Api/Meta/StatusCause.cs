namespace PolicyOperator.Api.Meta;

/// <summary>meta/v1 StatusCause: one reason of a failure, often naming the offending field.</summary>
public sealed record StatusCause
{
    public string? Reason { get; init; }

    public string? Message { get; init; }

    /// <summary>The field at fault, for example <c>spec.entries[0].port</c>.</summary>
    public string? Field { get; init; }
}
