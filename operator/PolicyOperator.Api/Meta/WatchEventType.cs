namespace PolicyOperator.Api.Meta;

/// <summary>The <c>type</c> of a watch event.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,

    /// <summary>A checkpoint: only <c>metadata.resourceVersion</c> of the object is meaningful.</summary>
    Bookmark,

    /// <summary>The object is a <see cref="Status"/> (for example 410 Gone).</summary>
    Error,
}
