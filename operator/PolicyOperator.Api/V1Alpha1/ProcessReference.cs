namespace PolicyOperator.Api.V1Alpha1;

/// <summary>A process on the observed side of a connection.</summary>
public sealed record ProcessReference
{
    /// <summary>The kernel's task name (comm, at most 15 characters).</summary>
    public required string Comm { get; init; }

    public string? Container { get; init; }

    public string? Pod { get; init; }

    public int? Pid { get; init; }
}
