using System.Text;

namespace PolicyOperator.Runtime.Metrics;

/// <summary>A value that goes up and down (queue depth, is leader).</summary>
public sealed class Gauge(string name, string help, IReadOnlyList<string> labelNames) : Metric<Gauge.Cell>(name, help, labelNames)
{
    public override MetricType Type => MetricType.Gauge;

    public void Set(double value) => WithLabels().Set(value);

    public void Inc(double by = 1) => WithLabels().Inc(by);

    public void Dec(double by = 1) => WithLabels().Inc(-by);

    protected override Cell CreateChild() => new();

    protected override void WriteChild(StringBuilder output, IReadOnlyList<string> labelValues, Cell child) =>
        output.Append(Name).Append(FormatLabels(labelValues)).Append(' ').Append(FormatValue(child.Value)).Append('\n');

    /// <summary>The gauge of one label combination.</summary>
    public sealed class Cell
    {
        private long _bits;

        public double Value => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _bits));

        public void Set(double value) => Interlocked.Exchange(ref _bits, BitConverter.DoubleToInt64Bits(value));

        public void Inc(double by = 1) => AtomicDouble.Add(ref _bits, by);

        public void Dec(double by = 1) => AtomicDouble.Add(ref _bits, -by);
    }
}
