using System.Text.Json.Serialization;

namespace PolicyOperator.Api.Meta;

/// <summary>
/// meta/v1 LabelSelector. Requirements are ANDed. An empty selector (neither field set) selects
/// everything, which is why the synthesis never emits one by accident.
/// </summary>
public sealed record LabelSelector
{
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }

    /// <summary>True when the selector has no requirement at all (selects everything). Not serialized.</summary>
    [JsonIgnore]
    public bool IsEmpty => (MatchLabels is null || MatchLabels.Count == 0) && (MatchExpressions is null || MatchExpressions.Count == 0);
}
