namespace PolicyOperator.Api.Meta;

/// <summary>A list of objects as the API returns it (<c>PodList</c>, <c>ObservedTrafficList</c>, ...).</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed record KubernetesList<T> : IKubernetesObject<ListMeta>
{
    public string ApiVersion { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public ListMeta Metadata { get; init; } = new();

    public IReadOnlyList<T> Items { get; init; } = [];
}
