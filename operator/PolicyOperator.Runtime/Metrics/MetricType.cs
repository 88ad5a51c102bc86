namespace PolicyOperator.Runtime.Metrics;

/// <summary>The Prometheus metric types this registry renders.</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
