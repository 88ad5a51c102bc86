using PolicyOperator.Sensor.Dns;

namespace PolicyOperator.Observation.Attribution;

/// <summary>DNS questions for one name and type, with the workload (and pod) on this node that asked them.</summary>
/// <param name="Node">The node they were seen on.</param>
/// <param name="Asker">The asking workload; its <see cref="LocalEndpoint.Workload"/> is set.</param>
/// <param name="Tally">The questions and answers, counted since the sensor started.</param>
public sealed record AttributedDnsQuery(string Node, LocalEndpoint Asker, DnsQueryTally Tally);
