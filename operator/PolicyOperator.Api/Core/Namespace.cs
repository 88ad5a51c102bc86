using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Core;

/// <summary>core/v1 Namespace. Its <c>kubernetes.io/metadata.name</c> label is what policies select it by.</summary>
public sealed record Namespace : IKubernetesObject<ObjectMeta>
{
    /// <summary>The immutable label every namespace carries with its own name.</summary>
    public const string NameLabel = "kubernetes.io/metadata.name";

    public string ApiVersion { get; init; } = "v1";

    public string Kind { get; init; } = "Namespace";

    public ObjectMeta Metadata { get; init; } = new();
}
