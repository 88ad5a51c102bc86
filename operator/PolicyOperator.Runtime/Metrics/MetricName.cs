using System.Text.RegularExpressions;

namespace PolicyOperator.Runtime.Metrics;

/// <summary>Checks metric and label names against the Prometheus data model.</summary>
internal static partial class MetricName
{
    public static void Validate(string name)
    {
        if (!Pattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric or label name", nameof(name));
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex Pattern();
}
