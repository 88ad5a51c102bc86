namespace PolicyOperator.Api.Core;

/// <summary>core/v1 Container (subset): its name and the ports it declares (named ports resolve here).</summary>
public sealed record Container
{
    public required string Name { get; init; }

    public string? Image { get; init; }

    public IReadOnlyList<ContainerPort>? Ports { get; init; }
}
