using System.Globalization;
using System.Text;

namespace PolicyOperator.Engine.Reporting.Metrics;

/// <summary>Writes metric families in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusTextWriter
{
    /// <summary>The content type an HTTP endpoint serves this text with.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IReadOnlyList<MetricFamily> families)
    {
        var text = new StringBuilder();
        foreach (var family in families)
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
            foreach (var sample in family.Samples)
            {
                text.Append(family.Name);
                if (sample.Labels.Count > 0)
                {
                    text.Append('{').AppendJoin(',', sample.Labels.Select(l => $"{l.Key}=\"{EscapeLabel(l.Value)}\"")).Append('}');
                }

                text.Append(' ').Append(sample.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabel(string value) =>
        EscapeHelp(value).Replace("\"", "\\\"", StringComparison.Ordinal);
}
