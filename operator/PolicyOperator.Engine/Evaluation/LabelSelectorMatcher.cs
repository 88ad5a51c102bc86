using PolicyOperator.Api.Meta;

namespace PolicyOperator.Engine.Evaluation;

/// <summary>meta/v1 label selector semantics: matchLabels and every matchExpression must hold; an empty selector matches all.</summary>
public static class LabelSelectorMatcher
{
    /// <summary>True when <paramref name="labels"/> satisfy <paramref name="selector"/>.</summary>
    /// <exception cref="ArgumentException">An expression has an unknown operator.</exception>
    public static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector.MatchLabels is { } matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }
        }

        if (selector.MatchExpressions is { } expressions)
        {
            foreach (var expression in expressions)
            {
                if (!Matches(expression, labels))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>One requirement: In, NotIn (also true when the key is absent), Exists, DoesNotExist.</summary>
    /// <exception cref="ArgumentException">The operator is not one of the four.</exception>
    public static bool Matches(LabelSelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(requirement.Key, out var value);
        return requirement.Operator switch
        {
            "In" => has && Contains(requirement.Values, value!),
            "NotIn" => !has || !Contains(requirement.Values, value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => throw new ArgumentException($"unknown label selector operator '{requirement.Operator}' for key '{requirement.Key}'", nameof(requirement)),
        };
    }

    // A plain loop: this runs for every rule of every flow, and LINQ's Contains would allocate an enumerator.
    private static bool Contains(IReadOnlyList<string>? values, string value)
    {
        if (values is null)
        {
            return false;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
