namespace PolicyOperator.Api.Core;

/// <summary>core/v1 NodeAddress: InternalIP, ExternalIP, Hostname, ...</summary>
public sealed record NodeAddress
{
    public required string Type { get; init; }

    public required string Address { get; init; }
}
