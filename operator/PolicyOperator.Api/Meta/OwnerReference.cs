namespace PolicyOperator.Api.Meta;

/// <summary>meta/v1 OwnerReference: lets garbage collection remove what an object owns.</summary>
public sealed record OwnerReference
{
    public required string ApiVersion { get; init; }

    public required string Kind { get; init; }

    public required string Name { get; init; }

    public required string Uid { get; init; }

    public bool? Controller { get; init; }

    public bool? BlockOwnerDeletion { get; init; }
}
