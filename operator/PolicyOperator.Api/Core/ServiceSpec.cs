namespace PolicyOperator.Api.Core;

/// <summary>core/v1 ServiceSpec (subset).</summary>
public sealed record ServiceSpec
{
    /// <summary>Null for a Service without a selector (its endpoints are managed by hand or by the API server).</summary>
    public IReadOnlyDictionary<string, string>? Selector { get; init; }

    public IReadOnlyList<ServicePort>? Ports { get; init; }

    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName.</summary>
    public string? Type { get; init; }

    public string? ClusterIP { get; init; }

    public IReadOnlyList<string>? ClusterIPs { get; init; }

    public string? ExternalName { get; init; }

    /// <summary>Addresses outside the cluster that route to this Service (spec.externalIPs).</summary>
    public IReadOnlyList<string>? ExternalIPs { get; init; }
}
