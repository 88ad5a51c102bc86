using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Observation.Attribution;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Dns;

namespace PolicyOperator.Observation.Recording;

/// <summary>
/// Sensor flows to ObservedTraffic: attribution (<see cref="FlowAttributor"/>) then recording
/// (<see cref="TrafficRecorder"/>). The flows are the sensor's cumulative records, so each round
/// describes everything seen since the sensor started (its pinned maps survive restarts): a round
/// that could not be written loses nothing, the next one carries it.
/// </summary>
public sealed class ObservationPipeline(FlowAttributor attributor, TrafficRecorder recorder)
{
    /// <summary>The node the flows are seen on.</summary>
    public string Node => attributor.Node;

    /// <summary>
    /// Attributes and records <paramref name="flows"/> and the DNS questions asked
    /// (<paramref name="dnsQueries"/>, cumulative like the flows); <paramref name="inventory"/> null means standalone naming.
    /// </summary>
    public ObservationRound Observe(IReadOnlyList<FlowRecord> flows, InventorySnapshot? inventory, IReadOnlyList<DnsQueryTally>? dnsQueries = null)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var attribution = attributor.Attribute(flows, inventory);
        var dns = dnsQueries is null ? [] : attributor.AttributeDns(dnsQueries, inventory);
        IReadOnlyList<ObservedTraffic> traffic = recorder.Record(attribution.Flows, dns);
        return new ObservationRound(traffic, attribution, flows.Count);
    }
}
