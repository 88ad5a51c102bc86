namespace PolicyOperator.Engine.Reporting.Metrics;

/// <summary>One sample of a metric: its labels (in the order written) and value.</summary>
public sealed record MetricSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
