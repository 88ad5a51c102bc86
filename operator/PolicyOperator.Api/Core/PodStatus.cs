namespace PolicyOperator.Api.Core;

/// <summary>core/v1 PodStatus (subset).</summary>
public sealed record PodStatus
{
    public string? Phase { get; init; }

    public string? PodIP { get; init; }

    public IReadOnlyList<PodIP>? PodIPs { get; init; }

    public string? HostIP { get; init; }

    public IReadOnlyList<ContainerStatus>? ContainerStatuses { get; init; }
}
