using System.Text;

namespace PolicyOperator.Runtime.Metrics;

/// <summary>A metric family the registry can render without knowing its type.</summary>
public interface IMetricFamily
{
    string Name { get; }

    /// <summary>Writes the family in the Prometheus text exposition format.</summary>
    void WriteTo(StringBuilder output);
}
