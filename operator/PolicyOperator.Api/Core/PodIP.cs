namespace PolicyOperator.Api.Core;

/// <summary>core/v1 PodIP.</summary>
public sealed record PodIP
{
    public required string Ip { get; init; }
}
