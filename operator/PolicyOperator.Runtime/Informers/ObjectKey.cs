using PolicyOperator.Api.Meta;

namespace PolicyOperator.Runtime.Informers;

/// <summary>The identity of an object in a cache and a work queue: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    public static ObjectKey For(IKubernetesObject<ObjectMeta> value) =>
        new(value.Metadata.Namespace, value.Metadata.Name ?? throw new ArgumentException($"a {value.Kind} without metadata.name has no key", nameof(value)));

    /// <summary>Reads <c>namespace/name</c> or <c>name</c>.</summary>
    public static ObjectKey Parse(string text) => text.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0
        ? new ObjectKey(text[..slash], text[(slash + 1)..])
        : new ObjectKey(null, text);

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
