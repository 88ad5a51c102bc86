using System.Text;

namespace PolicyOperator.Engine.Reporting.Export;

/// <summary>
/// Writes <see cref="FqdnEgressSuggestion"/>s as a plain allow-list for a firewall or proxy: a
/// <c># namespace/workload</c> line per workload, then one <c>name port/PROTOCOL,...</c> line per
/// name and one <c>cidr port/PROTOCOL,...</c> line per unnamed endpoint.
/// </summary>
public static class AllowListWriter
{
    public static string Write(IReadOnlyList<FqdnEgressSuggestion> suggestions)
    {
        var text = new StringBuilder();
        foreach (var suggestion in suggestions)
        {
            text.Append("# ").Append(suggestion.Workload).Append('\n');
            foreach (var rule in suggestion.Rules)
            {
                var ports = string.Join(",", rule.Ports);
                foreach (var name in rule.Names)
                {
                    text.Append(name).Append(' ').Append(ports).Append('\n');
                }
            }

            foreach (var cidr in suggestion.UnnamedCidrs)
            {
                text.Append(cidr.Cidr).Append(' ').Append(string.Join(",", cidr.Ports)).Append('\n');
            }
        }

        return text.ToString();
    }
}
