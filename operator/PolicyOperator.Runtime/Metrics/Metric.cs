using System.Collections.Concurrent;
using System.Text;

namespace PolicyOperator.Runtime.Metrics;

/// <summary>
/// A metric family: a name, help, label names, and one child per combination of label values.
/// </summary>
/// <typeparam name="TChild">The per-labels value (counter cell, gauge cell, histogram).</typeparam>
public abstract class Metric<TChild> : IMetricFamily
    where TChild : class
{
    private readonly ConcurrentDictionary<LabelValues, TChild> _children = new();

    protected Metric(string name, string help, IReadOnlyList<string> labelNames)
    {
        MetricName.Validate(name);
        foreach (var label in labelNames)
        {
            MetricName.Validate(label);
        }

        Name = name;
        Help = help;
        LabelNames = labelNames;
    }

    public string Name { get; }

    public string Help { get; }

    public IReadOnlyList<string> LabelNames { get; }

    public abstract MetricType Type { get; }

    /// <summary>The child for these label values (one per label name, in order).</summary>
    public TChild WithLabels(params string[] values)
    {
        if (values.Length != LabelNames.Count)
        {
            throw new ArgumentException($"metric {Name} has labels [{string.Join(", ", LabelNames)}]; got {values.Length} values", nameof(values));
        }

        return _children.GetOrAdd(new LabelValues(values), _ => CreateChild());
    }

    /// <summary>Writes the family in the Prometheus text exposition format (version 0.0.4).</summary>
    public void WriteTo(StringBuilder output)
    {
        output.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(Help)).Append('\n');
        output.Append("# TYPE ").Append(Name).Append(' ').Append(Type.ToString().ToLowerInvariant()).Append('\n');
        foreach (var (labels, child) in _children.OrderBy(pair => pair.Key.ToString(), StringComparer.Ordinal))
        {
            WriteChild(output, labels.Values, child);
        }
    }

    protected abstract TChild CreateChild();

    protected abstract void WriteChild(StringBuilder output, IReadOnlyList<string> labelValues, TChild child);

    /// <summary><c>{a="x",b="y"}</c> (with <paramref name="extra"/> appended, as histograms' <c>le</c>), or empty.</summary>
    protected string FormatLabels(IReadOnlyList<string> values, string? extra = null)
    {
        if (values.Count == 0 && extra is null)
        {
            return string.Empty;
        }

        var parts = LabelNames.Select((label, i) => $"{label}=\"{EscapeLabel(values[i])}\"");
        return "{" + string.Join(",", extra is null ? parts : parts.Append(extra)) + "}";
    }

    protected static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed record LabelValues(string[] Values)
    {
        public bool Equals(LabelValues? other) => other is not null && Values.AsSpan().SequenceEqual(other.Values);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in Values)
            {
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }

        public override string ToString() => string.Join('\u0001', Values);
    }
}
