namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// One end of observed traffic, as reports name it. A workload reached through a Service keeps the
/// Service's name in <see cref="Service"/>; an external end carries its CIDR and the DNS names it was
/// reached by.
/// </summary>
public sealed record TrafficEndpoint
{
    public required EndpointKind Kind { get; init; }

    /// <summary>The cluster this end belongs to, where known.</summary>
    public string? Cluster { get; init; }

    /// <summary>The namespace of a workload or Service.</summary>
    public string? Namespace { get; init; }

    /// <summary>The workload's, Service's or node's name; null for an external end.</summary>
    public string? Name { get; init; }

    /// <summary>Deployment, StatefulSet, ...; null unless <see cref="Kind"/> is Workload.</summary>
    public string? WorkloadKind { get; init; }

    /// <summary>The Service (<c>namespace/name</c>) the traffic went through, where it did.</summary>
    public string? Service { get; init; }

    /// <summary>Canonical CIDRs or addresses of a node or external end.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>The DNS names an external end was reached by (sorted).</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>True for a workload or Service of the cluster (east-west traffic).</summary>
    public bool IsInCluster => Kind is EndpointKind.Workload or EndpointKind.Service;

    /// <summary>A short display form: <c>ns/name</c>, <c>node/name</c>, or the CIDR with its names.</summary>
    public override string ToString()
    {
        var cluster = Cluster is null ? string.Empty : $"{Cluster}:";
        return Kind switch
        {
            EndpointKind.Workload or EndpointKind.Service => $"{cluster}{Namespace}/{Name}",
            EndpointKind.Node => $"{cluster}node/{Name ?? string.Join(",", Addresses)}",
            _ => DnsNames.Count > 0 ? $"{string.Join(",", Addresses)} ({string.Join(",", DnsNames)})" : string.Join(",", Addresses),
        };
    }

    /// <summary>The identity used to merge the two records of one connection (both ends observed).</summary>
    internal string Key => Kind switch
    {
        EndpointKind.Workload => $"w|{Cluster}|{Namespace}|{Name}",
        EndpointKind.Service => $"s|{Cluster}|{Namespace}|{Name}",
        EndpointKind.Node => $"n|{Cluster}|{Name}|{string.Join(",", Addresses)}",
        _ => $"e|{string.Join(",", Addresses)}",
    };
}
