namespace PolicyOperator.Api.Meta;

/// <summary>meta/v1 StatusDetails: which object a <see cref="Status"/> is about, and why.</summary>
public sealed record StatusDetails
{
    public string? Name { get; init; }

    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Uid { get; init; }

    public IReadOnlyList<StatusCause>? Causes { get; init; }

    /// <summary>Seconds the client should wait before retrying, when the server says so.</summary>
    public int? RetryAfterSeconds { get; init; }
}
