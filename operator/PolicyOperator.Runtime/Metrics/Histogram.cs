using System.Text;

namespace PolicyOperator.Runtime.Metrics;

/// <summary>A distribution in cumulative buckets (reconcile durations, queue wait).</summary>
public sealed class Histogram : Metric<Histogram.Cell>
{
    /// <summary>Prometheus' default buckets, in seconds.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _bounds;

    public Histogram(string name, string help, IReadOnlyList<string> labelNames, IReadOnlyList<double>? buckets = null)
        : base(name, help, labelNames)
    {
        _bounds = [.. (buckets ?? DefaultBuckets).Order()];
        if (_bounds.Length == 0 || _bounds.Distinct().Count() != _bounds.Length)
        {
            throw new ArgumentException($"histogram {name} needs distinct bucket bounds", nameof(buckets));
        }
    }

    public override MetricType Type => MetricType.Histogram;

    public void Observe(double value) => WithLabels().Observe(value);

    protected override Cell CreateChild() => new(_bounds);

    protected override void WriteChild(StringBuilder output, IReadOnlyList<string> labelValues, Cell child)
    {
        var labels = FormatLabels(labelValues);
        long cumulative = 0;
        for (var i = 0; i <= _bounds.Length; i++)
        {
            cumulative += child.BucketCount(i);
            var le = i < _bounds.Length ? FormatValue(_bounds[i]) : "+Inf";
            output.Append(Name).Append("_bucket").Append(FormatLabels(labelValues, $"le=\"{le}\"")).Append(' ').Append(cumulative).Append('\n');
        }

        output.Append(Name).Append("_sum").Append(labels).Append(' ').Append(FormatValue(child.Sum)).Append('\n');
        output.Append(Name).Append("_count").Append(labels).Append(' ').Append(child.Count).Append('\n');
    }

    /// <summary>The histogram of one label combination.</summary>
    public sealed class Cell(double[] bounds)
    {
        private readonly long[] _counts = new long[bounds.Length + 1];
        private long _sumBits;
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public double Sum => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _sumBits));

        public void Observe(double value)
        {
            var index = Array.BinarySearch(bounds, value);
            // An exact bound belongs to its bucket (le is "less than or equal"); otherwise the next bound up.
            Interlocked.Increment(ref _counts[index >= 0 ? index : ~index]);
            AtomicDouble.Add(ref _sumBits, value);
            Interlocked.Increment(ref _count);
        }

        internal long BucketCount(int index) => Interlocked.Read(ref _counts[index]);
    }
}
