using PolicyOperator.Api.Meta;

namespace PolicyOperator.Engine.Evaluation;

/// <summary>A label selector flattened into arrays, so that matching (done for every rule of every flow) allocates nothing.</summary>
internal sealed class CompiledSelector
{
    private readonly KeyValuePair<string, string>[] _labels;
    private readonly LabelSelectorRequirement[] _expressions;

    public CompiledSelector(LabelSelector selector)
    {
        _labels = [.. selector.MatchLabels ?? new Dictionary<string, string>()];
        _expressions = [.. selector.MatchExpressions ?? []];
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in _labels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in _expressions)
        {
            if (!LabelSelectorMatcher.Matches(expression, labels))
            {
                return false;
            }
        }

        return true;
    }
}
