namespace PolicyOperator.Testing.ApiServer.Storage;

/// <summary>The change an event records.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}
