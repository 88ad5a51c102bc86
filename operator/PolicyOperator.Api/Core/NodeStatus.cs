namespace PolicyOperator.Api.Core;

/// <summary>core/v1 NodeStatus (subset).</summary>
public sealed record NodeStatus
{
    public IReadOnlyList<NodeAddress>? Addresses { get; init; }
}
