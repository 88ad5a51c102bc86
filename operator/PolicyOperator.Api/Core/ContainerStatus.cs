namespace PolicyOperator.Api.Core;

/// <summary>core/v1 ContainerStatus (subset): the container id joins a cgroup to its container.</summary>
public sealed record ContainerStatus
{
    public required string Name { get; init; }

    /// <summary>For example <c>containerd://0123abcd...</c>.</summary>
    public string? ContainerID { get; init; }
}
