namespace PolicyOperator.Api.Discovery;

/// <summary>core/v1 ObjectReference (subset), as an endpoint's targetRef.</summary>
public sealed record ObjectReference
{
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Namespace { get; init; }

    public string? Uid { get; init; }
}
