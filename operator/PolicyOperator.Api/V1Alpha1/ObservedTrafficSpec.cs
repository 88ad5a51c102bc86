namespace PolicyOperator.Api.V1Alpha1;

/// <summary>The observation: whose traffic, where, when, and the entries in each direction.</summary>
public sealed record ObservedTrafficSpec
{
    /// <summary>The cluster the node belongs to, where known (for multi-cluster reports).</summary>
    public string? Cluster { get; init; }

    /// <summary>The node that observed the traffic.</summary>
    public required string Node { get; init; }

    /// <summary>The observed workload.</summary>
    public required WorkloadReference Workload { get; init; }

    /// <summary>The observation window this object covers.</summary>
    public required ObservationWindow Window { get; init; }

    /// <summary>Connections accepted by the workload.</summary>
    public IReadOnlyList<TrafficEntry> Ingress { get; init; } = [];

    /// <summary>Connections initiated by the workload.</summary>
    public IReadOnlyList<TrafficEntry> Egress { get; init; } = [];

    /// <summary>DNS questions the workload asked, with their outcome.</summary>
    public IReadOnlyList<DnsQueryRecord> DnsQueries { get; init; } = [];
}
