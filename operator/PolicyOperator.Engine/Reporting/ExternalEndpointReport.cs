namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// North-south egress: per workload, the outside endpoints (External peers) it opened connections
/// to, by CIDR and DNS name. Node peers are not outside endpoints and are left out.
/// </summary>
public static class ExternalEndpointReport
{
    /// <summary>One row per workload with outside egress, most connections first.</summary>
    public static IReadOnlyList<WorkloadExternalEndpoints> Build(ReportInput input) =>
        [.. input.Edges
            .Where(e => e.Source.Kind == EndpointKind.Workload && e.Destination.Kind == EndpointKind.External)
            .GroupBy(e => e.Source.Key)
            .Select(g => new WorkloadExternalEndpoints(
                g.First().Source,
                [.. g.GroupBy(e => string.Join(",", e.Destination.Addresses))
                    .Select(d => new ExternalEndpoint(
                        d.Key,
                        [.. d.SelectMany(e => e.Destination.DnsNames).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                        [.. d.Select(e => $"{e.Port}/{e.Protocol}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                        d.Sum(e => e.Connections),
                        d.Sum(e => e.Bytes)))
                    .OrderByDescending(d => d.Connections)
                    .ThenBy(d => d.Cidr, StringComparer.Ordinal)]))
            .OrderByDescending(w => w.Connections)
            .ThenBy(w => w.Source.ToString(), StringComparer.Ordinal)];
}
