using System.Text;
using System.Text.Json.Nodes;

using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Enforcement;

namespace PolicyOperator.Controllers.Diff;

/// <summary>
/// How the proposed policies differ from the ones applied now, rule by rule (normalised, so defaulting is
/// no difference), with a text of the added (+) and removed (-) rules. Pure.
/// </summary>
public static class PolicyDiffer
{
    private const int MaxText = 4096;

    public static PolicyDiff Diff(IReadOnlyList<NetworkPolicy> proposed, IReadOnlyList<NetworkPolicy> applied)
    {
        var before = Rules(applied);
        var after = Rules(proposed);
        var added = after.Where(r => !before.Contains(r)).ToList();
        var removed = before.Where(r => !after.Contains(r)).ToList();
        var text = new StringBuilder();
        foreach (var line in removed.Select(r => $"- {r}").Concat(added.Select(r => $"+ {r}")))
        {
            if (text.Length + line.Length > MaxText)
            {
                text.AppendLine("... (cut; the counts are complete)");
                break;
            }

            text.AppendLine(line);
        }

        return new PolicyDiff
        {
            AddedRules = added.Count,
            RemovedRules = removed.Count,
            UnchangedRules = after.Count - added.Count,
            Text = text.Length > 0 ? text.ToString() : null,
        };
    }

    /// <summary>Each rule as one line: <c>policy ingress {...}</c>.</summary>
    private static HashSet<string> Rules(IEnumerable<NetworkPolicy> policies)
    {
        var rules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            var spec = PolicyNormalizer.Normalize(policy.Spec);
            var selector = spec["podSelector"]?.ToJsonString() ?? "{}";
            foreach (var direction in new[] { "ingress", "egress" })
            {
                foreach (var rule in spec[direction] as JsonArray ?? [])
                {
                    rules.Add($"{policy.Metadata.Name} {direction} pods {selector}: {rule?.ToJsonString()}");
                }
            }

            foreach (var type in spec["policyTypes"] as JsonArray ?? [])
            {
                rules.Add($"{policy.Metadata.Name} isolates {type} of pods {selector}");
            }
        }

        return rules;
    }

}
