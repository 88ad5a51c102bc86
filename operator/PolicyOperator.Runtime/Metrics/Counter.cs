using System.Text;

namespace PolicyOperator.Runtime.Metrics;

/// <summary>A value that only goes up (events seen, reconciles done).</summary>
public sealed class Counter(string name, string help, IReadOnlyList<string> labelNames) : Metric<Counter.Cell>(name, help, labelNames)
{
    public override MetricType Type => MetricType.Counter;

    /// <summary>Adds to the counter without labels.</summary>
    public void Inc(double by = 1) => WithLabels().Inc(by);

    protected override Cell CreateChild() => new();

    protected override void WriteChild(StringBuilder output, IReadOnlyList<string> labelValues, Cell child) =>
        output.Append(Name).Append(FormatLabels(labelValues)).Append(' ').Append(FormatValue(child.Value)).Append('\n');

    /// <summary>The counter of one label combination.</summary>
    public sealed class Cell
    {
        private long _bits;

        public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits));

        public void Inc(double by = 1)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(by);
            AtomicDouble.Add(ref _bits, by);
        }
    }
}
