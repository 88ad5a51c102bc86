namespace PolicyOperator.Api.V1Alpha1;

/// <summary>
/// The other side of a <see cref="TrafficEntry"/>. Exactly one of <see cref="Workload"/>,
/// <see cref="Service"/>, <see cref="Node"/> or <see cref="External"/> is set, matching <see cref="Type"/>.
/// </summary>
public sealed record TrafficPeer
{
    public required PeerType Type { get; init; }

    public WorkloadReference? Workload { get; init; }

    public ServicePeer? Service { get; init; }

    public NodePeer? Node { get; init; }

    public ExternalPeer? External { get; init; }
}
