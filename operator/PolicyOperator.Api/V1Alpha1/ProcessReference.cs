namespace PolicyOperator.Api.V1Alpha1;

/// <summary>A process on the observed side of a connection.</summary>
public sealed record ProcessReference
{
    /// <summary>The kernel's task name (comm, at most 15 characters).</summary>
    public required string Comm { get; init; }

    public string? Container { get; init; }

    public string? Pod { get; init; }

    public int? Pid { get; init; }

    /// <summary>
    /// How many of the record's connections or DNS queries this process accounts for, where the
    /// writer counted them per process (reports break counts down by pod, container and process with it).
    /// </summary>
    public long? Count { get; init; }
}
