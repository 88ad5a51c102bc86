namespace PolicyOperator.Api.Meta;

/// <summary>metadata of a list (meta/v1 ListMeta): the version to watch from and the paging token.</summary>
public sealed record ListMeta
{
    public string? ResourceVersion { get; init; }

    public string? Continue { get; init; }

    public long? RemainingItemCount { get; init; }
}
