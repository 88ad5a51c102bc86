namespace PolicyOperator.Api.Events;

/// <summary>core/v1 ObjectReference as an Event uses it: which object the event is about.</summary>
public sealed record EventObjectReference
{
    public string? ApiVersion { get; init; }

    public string? Kind { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }

    public string? FieldPath { get; init; }
}
