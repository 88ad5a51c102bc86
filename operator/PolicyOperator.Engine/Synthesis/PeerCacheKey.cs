using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// What a peer's translation depends on, as a cheap value key. A workload is known by its namespace,
/// kind and name (its selector is the same wherever it is seen; the synthesis unifies it beforehand),
/// a Service by its namespace and name (one Service has one selector).
/// </summary>
internal readonly record struct PeerCacheKey(PeerType Type, TrafficDirection Direction, string A, string? B, string? C, string? D, bool Flag)
{
    public static PeerCacheKey Of(TrafficPeer peer, TrafficDirection direction) => peer.Type switch
    {
        PeerType.Workload when peer.Workload is { } w => new(peer.Type, TrafficDirection.Egress, w.Namespace, w.Kind, w.Name, null, w.HostNetwork),
        PeerType.Service when peer.Service is { } s => new(peer.Type, TrafficDirection.Egress, s.Namespace, s.Name, null, Join(s.EndpointAddresses), s.Selector is { Count: > 0 }),
        PeerType.Node when peer.Node is { } n => new(peer.Type, direction, n.Name ?? string.Empty, Join(n.Addresses), null, null, n.IsLocal),
        PeerType.External when peer.External is { } e => new(peer.Type, TrafficDirection.Egress, e.Cidr, Join(e.DnsNames), null, null, false),
        _ => new(peer.Type, direction, string.Empty, null, null, null, false),
    };

    private static string? Join(IReadOnlyList<string>? values) => values switch
    {
        null => null,
        { Count: 0 } => string.Empty,
        { Count: 1 } => values[0],
        _ => string.Join('\n', values),
    };
}
