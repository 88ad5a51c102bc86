using System.Text;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Engine.Reporting.Export;

/// <summary>
/// Writes <see cref="FqdnEgressSuggestion"/>s as CiliumNetworkPolicy YAML (cilium.io/v2), one document
/// per workload: its pod selector, a DNS rule to kube-dns (Cilium learns the addresses of
/// <c>toFQDNs</c> names only from DNS answers its proxy sees), one <c>toFQDNs</c> rule per port set,
/// and <c>toCIDR</c> rules for endpoints reached without a name. A workload without a recorded
/// selector gets a comment instead: an empty selector would select every pod of the namespace.
/// </summary>
public static class CiliumFqdnPolicyWriter
{
    /// <summary>The YAML text, documents separated by <c>---</c>.</summary>
    public static string Write(IReadOnlyList<FqdnEgressSuggestion> suggestions)
    {
        var yaml = new StringBuilder();
        foreach (var suggestion in suggestions)
        {
            if (yaml.Length > 0)
            {
                yaml.Append("---\n");
            }

            if (suggestion.Selector is not { IsEmpty: false } selector)
            {
                yaml.Append("# ").Append(suggestion.Workload).Append(": no pod selector recorded; write its policy by hand\n");
                continue;
            }

            yaml.Append("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n");
            yaml.Append("  name: ").Append(Quote($"{suggestion.Workload.Name}-egress-fqdn".ToLowerInvariant())).Append('\n');
            yaml.Append("  namespace: ").Append(Quote(suggestion.Workload.Namespace ?? "default")).Append('\n');
            yaml.Append("spec:\n  endpointSelector:\n");
            AppendSelector(yaml, selector, "    ");
            yaml.Append("  egress:\n");
            yaml.Append("  - toEndpoints:\n    - matchLabels:\n");
            yaml.Append("        \"k8s:io.kubernetes.pod.namespace\": \"kube-system\"\n        \"k8s:k8s-app\": \"kube-dns\"\n");
            yaml.Append("    toPorts:\n    - ports:\n      - port: \"53\"\n        protocol: ANY\n      rules:\n        dns:\n        - matchPattern: \"*\"\n");
            foreach (var rule in suggestion.Rules)
            {
                yaml.Append("  - toFQDNs:\n");
                foreach (var name in rule.Names)
                {
                    yaml.Append("    - matchName: ").Append(Quote(name)).Append('\n');
                }

                AppendPorts(yaml, rule.Ports);
            }

            foreach (var cidr in suggestion.UnnamedCidrs)
            {
                yaml.Append("  - toCIDR:\n    - ").Append(Quote(cidr.Cidr)).Append('\n');
                AppendPorts(yaml, cidr.Ports);
            }
        }

        return yaml.ToString();
    }

    private static void AppendPorts(StringBuilder yaml, IReadOnlyList<PortProtocol> ports)
    {
        yaml.Append("    toPorts:\n    - ports:\n");
        foreach (var port in ports)
        {
            yaml.Append("      - port: \"").Append(port.Port).Append("\"\n        protocol: ").Append(port.Protocol).Append('\n');
        }
    }

    private static void AppendSelector(StringBuilder yaml, LabelSelector selector, string indent)
    {
        if (selector.MatchLabels is { Count: > 0 } labels)
        {
            yaml.Append(indent).Append("matchLabels:\n");
            foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                yaml.Append(indent).Append("  ").Append(Quote(key)).Append(": ").Append(Quote(value)).Append('\n');
            }
        }

        if (selector.MatchExpressions is { Count: > 0 } expressions)
        {
            yaml.Append(indent).Append("matchExpressions:\n");
            foreach (var expression in expressions)
            {
                yaml.Append(indent).Append("- key: ").Append(Quote(expression.Key)).Append('\n');
                yaml.Append(indent).Append("  operator: ").Append(Quote(expression.Operator)).Append('\n');
                if (expression.Values is { Count: > 0 } values)
                {
                    yaml.Append(indent).Append("  values:\n");
                    foreach (var value in values)
                    {
                        yaml.Append(indent).Append("  - ").Append(Quote(value)).Append('\n');
                    }
                }
            }
        }
    }

    /// <summary>A YAML double-quoted scalar (always quoted, so no value is read as a number or boolean).</summary>
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
