namespace PolicyOperator.Api.Core;

/// <summary>core/v1 PodSpec (subset).</summary>
public sealed record PodSpec
{
    public string? NodeName { get; init; }

    public bool? HostNetwork { get; init; }

    public string? ServiceAccountName { get; init; }

    public IReadOnlyList<Container> Containers { get; init; } = [];

    public IReadOnlyList<Container>? InitContainers { get; init; }
}
