using System.Collections.Concurrent;
using System.Text;

namespace PolicyOperator.Runtime.Metrics;

/// <summary>
/// The process's metrics, rendered for <c>/metrics</c> in the Prometheus text format. Creating a
/// metric twice with the same name returns the first one (components share families).
/// </summary>
public sealed class MetricsRegistry
{
    /// <summary>The content type of <see cref="Render"/>.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly ConcurrentDictionary<string, IMetricFamily> _metrics = new(StringComparer.Ordinal);

    public Counter Counter(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Counter(name, help, labelNames));

    public Gauge Gauge(string name, string help, params string[] labelNames) =>
        GetOrAdd(name, () => new Gauge(name, help, labelNames));

    public Histogram Histogram(string name, string help, IReadOnlyList<double>? buckets, params string[] labelNames) =>
        GetOrAdd(name, () => new Histogram(name, help, labelNames, buckets));

    /// <summary>
    /// Adds a family rendered by its owner (for example figures computed from a cache at scrape time);
    /// a family of the same name already there is kept and returned.
    /// </summary>
    public IMetricFamily Add(IMetricFamily family) => _metrics.GetOrAdd(family.Name, family);

    /// <summary>Every metric, sorted by name, in the Prometheus text exposition format.</summary>
    public string Render()
    {
        var output = new StringBuilder();
        foreach (var (_, metric) in _metrics.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            metric.WriteTo(output);
        }

        return output.ToString();
    }

    private T GetOrAdd<T>(string name, Func<T> create)
        where T : class, IMetricFamily
    {
        var metric = _metrics.GetOrAdd(name, _ => create());
        return metric as T ?? throw new InvalidOperationException($"metric {name} is already registered as a {metric.GetType().Name}");
    }
}
