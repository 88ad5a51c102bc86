namespace PolicyOperator.Engine.Reporting.Metrics;

/// <summary>A metric with its samples, as the Prometheus text format groups them.</summary>
/// <param name="Name">The metric name, for example <c>policyoperator_dns_queries_total</c>.</param>
/// <param name="Type"><c>counter</c> or <c>gauge</c>.</param>
/// <param name="Help">One line saying what it counts.</param>
/// <param name="Samples">The samples, sorted by labels.</param>
public sealed record MetricFamily(string Name, string Type, string Help, IReadOnlyList<MetricSample> Samples);
