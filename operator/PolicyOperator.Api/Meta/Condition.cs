namespace PolicyOperator.Api.Meta;

/// <summary>meta/v1 Condition, as the Kubernetes API conventions define it.</summary>
public sealed record Condition
{
    /// <summary>CamelCase type, for example <c>Ready</c>.</summary>
    public required string Type { get; init; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public required string Status { get; init; }

    public long? ObservedGeneration { get; init; }

    public required DateTimeOffset LastTransitionTime { get; init; }

    /// <summary>CamelCase machine-readable reason.</summary>
    public required string Reason { get; init; }

    public string Message { get; init; } = string.Empty;
}
