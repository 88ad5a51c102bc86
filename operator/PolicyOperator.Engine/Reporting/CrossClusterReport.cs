namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Traffic between clusters, when records from several clusters are given (each record names its
/// cluster in <c>spec.cluster</c>). A connection crosses clusters when its peer workload names another
/// cluster (<c>workload.cluster</c>, as ClusterMesh identities do), or when its node or outside peer
/// address is one that another cluster's records show as local to one of its workloads or nodes. The
/// client's and the server's record of one connection are merged (the larger count wins).
/// </summary>
public static class CrossClusterReport
{
    public static CrossClusterTraffic Build(ReportInput input)
    {
        var owners = new AddressOwners(input.Traffic);
        var flows = new Dictionary<(string, string, string, int), CrossClusterFlow>();
        foreach (var edge in input.Edges)
        {
            var (source, destination, evidence) = Resolve(edge, owners);
            if (source.Cluster is null || destination.Cluster is null || source.Cluster == destination.Cluster)
            {
                continue;
            }

            var key = (source.Key, destination.Key, edge.Protocol, edge.Port);
            flows[key] = flows.TryGetValue(key, out var known)
                ? known with
                {
                    Connections = Math.Max(known.Connections, edge.Connections),
                    Evidence = [.. known.Evidence.Append(evidence).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                }
                : new CrossClusterFlow(source, destination, edge.Protocol, edge.Port, edge.Connections, [evidence]);
        }

        return new CrossClusterTraffic(
            [.. input.Traffic.Select(t => t.Spec.Cluster).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. flows.Values
                .OrderByDescending(f => f.Connections)
                .ThenBy(f => f.Source.ToString(), StringComparer.Ordinal)
                .ThenBy(f => f.Destination.ToString(), StringComparer.Ordinal)
                .ThenBy(f => f.Port)]);
    }

    private static (TrafficEndpoint Source, TrafficEndpoint Destination, string Evidence) Resolve(TrafficEdge edge, AddressOwners owners)
    {
        var (source, sourceEvidence) = ResolveEnd(edge.Source, owners);
        var (destination, destinationEvidence) = ResolveEnd(edge.Destination, owners);
        var evidence = destinationEvidence ?? sourceEvidence
            ?? $"peer workload in cluster {(edge.Source.Cluster != edge.ObservedIn ? edge.Source.Cluster : edge.Destination.Cluster)}";
        return (source, destination, evidence);
    }

    private static (TrafficEndpoint End, string? Evidence) ResolveEnd(TrafficEndpoint end, AddressOwners owners)
    {
        if (end.Kind is EndpointKind.External or EndpointKind.Node && owners.Find(end.Addresses) is { } found && found.Owner.Cluster is not null && found.Owner.Cluster != end.Cluster)
        {
            return (found.Owner, $"address {found.Address} is local to {found.Owner}");
        }

        return (end, null);
    }
}
