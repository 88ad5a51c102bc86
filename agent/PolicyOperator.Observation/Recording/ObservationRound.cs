using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Observation.Attribution;

namespace PolicyOperator.Observation.Recording;

/// <summary>One pass over the sensor's flows: the objects to report and how attribution went.</summary>
/// <param name="Traffic">One ObservedTraffic per workload per node.</param>
/// <param name="Attribution">The attributed flows and what could not be attributed.</param>
/// <param name="SensorFlows">How many flows the sensor reported.</param>
public sealed record ObservationRound(IReadOnlyList<ObservedTraffic> Traffic, AttributionResult Attribution, int SensorFlows)
{
    /// <summary>Distinct peers over all objects (by direction, peer, protocol and port entries).</summary>
    public int Peers => Traffic.Sum(t => t.Spec.Ingress.Count + t.Spec.Egress.Count);
}
