namespace PolicyOperator.Api.Discovery;

/// <summary>discovery.k8s.io/v1 Endpoint (subset).</summary>
public sealed record Endpoint
{
    public IReadOnlyList<string> Addresses { get; init; } = [];

    public ObjectReference? TargetRef { get; init; }

    public string? NodeName { get; init; }
}
