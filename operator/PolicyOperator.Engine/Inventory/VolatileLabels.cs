using PolicyOperator.Api.Meta;

namespace PolicyOperator.Engine.Inventory;

/// <summary>
/// Pod labels that change across rollouts, restarts or runs, and so never go into a selector
/// (design rule 3): selecting on them would break the policy at the next rollout.
/// </summary>
public static class VolatileLabels
{
    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal)
    {
        "pod-template-hash",
        "controller-revision-hash",
        "pod-template-generation",
        "job-name",
        "controller-uid",
        "statefulset.kubernetes.io/pod-name",
        "apps.kubernetes.io/pod-index",
        "helm.sh/chart",
        "app.kubernetes.io/version",
        "app.kubernetes.io/instance",
    };

    private static readonly string[] Prefixes = ["batch.kubernetes.io/", "topology.kubernetes.io/", "topology.k8s.io/"];

    /// <summary>True when the label key is volatile, by the built-in list or the extra keys given.</summary>
    public static bool IsVolatile(string key, IReadOnlySet<string>? extra = null) =>
        Exact.Contains(key) || Prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)) || (extra?.Contains(key) ?? false);

    /// <summary>The labels without the volatile ones, sorted by key.</summary>
    public static SortedDictionary<string, string> Strip(IReadOnlyDictionary<string, string>? labels, IReadOnlySet<string>? extra = null)
    {
        var stable = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (!IsVolatile(key, extra))
            {
                stable[key] = value;
            }
        }

        return stable;
    }

    /// <summary>The selector without requirements on volatile keys, or null when nothing stable is left.</summary>
    public static LabelSelector? StableSelector(LabelSelector? selector, IReadOnlySet<string>? extra = null)
    {
        if (selector is null)
        {
            return null;
        }

        var labels = Strip(selector.MatchLabels, extra);
        var expressions = selector.MatchExpressions?.Where(e => !IsVolatile(e.Key, extra)).ToList();
        var stable = new LabelSelector
        {
            MatchLabels = labels.Count > 0 ? labels : null,
            MatchExpressions = expressions is { Count: > 0 } ? expressions : null,
        };
        return stable.IsEmpty ? null : stable;
    }
}
