namespace PolicyOperator.Api.V1Alpha1;

/// <summary>One observed flow, named by its two ends, as a person reads it.</summary>
public sealed record FlowReference
{
    public required TrafficDirection Direction { get; init; }

    /// <summary>The peer, for example <c>Deployment shop/frontend</c> or <c>203.0.113.7/32</c>.</summary>
    public required string Peer { get; init; }

    public required string Protocol { get; init; }

    public required int Port { get; init; }

    public DateTimeOffset? LastSeen { get; init; }
}
