namespace PolicyOperator.Api.Meta;

/// <summary>One expression of a <see cref="LabelSelector"/>: <c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>.</summary>
public sealed record LabelSelectorRequirement
{
    public required string Key { get; init; }

    public required string Operator { get; init; }

    public IReadOnlyList<string>? Values { get; init; }
}
