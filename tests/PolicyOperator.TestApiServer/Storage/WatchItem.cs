namespace PolicyOperator.Testing.ApiServer.Storage;

/// <summary>What a watch subscription delivers: a change, or a bookmark at a revision.</summary>
public sealed record WatchItem(StoredEvent? Event, long BookmarkRevision, bool InitialEventsEnd = false);
