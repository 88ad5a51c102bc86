namespace PolicyOperator.Engine.Reporting;

/// <summary>The outside endpoints one workload reached (north-south egress).</summary>
/// <param name="Source">The workload.</param>
/// <param name="Endpoints">Its outside endpoints, most connections first.</param>
public sealed record WorkloadExternalEndpoints(TrafficEndpoint Source, IReadOnlyList<ExternalEndpoint> Endpoints)
{
    /// <summary>Connections to outside endpoints, all of them.</summary>
    public long Connections => Endpoints.Sum(e => e.Connections);
}
