
namespace PolicyOperator.Api.V1Alpha1;

/// <summary>A Service peer. Policies select its pods with <see cref="Selector"/> (spec.selector), never its own labels.</summary>
public sealed record ServicePeer
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The Service's spec.selector; null for a Service without a selector (then <see cref="EndpointAddresses"/> are used).</summary>
    public IReadOnlyDictionary<string, string>? Selector { get; init; }

    /// <summary>The workload behind the Service, where one was resolved.</summary>
    public WorkloadReference? Backend { get; init; }

    /// <summary>For a selectorless Service (such as the API server): its endpoint IPs.</summary>
    public IReadOnlyList<string>? EndpointAddresses { get; init; }

    /// <summary>The ClusterIP the client connected to.</summary>
    public string? ClusterIp { get; init; }

}
