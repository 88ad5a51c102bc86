using System.Threading.Channels;

namespace PolicyOperator.Testing.ApiServer.Storage;

/// <summary>
/// One open watch on the store: the events after its start revision, in order, and a token that
/// fires when the server drops the watch (fault injection, shutdown).
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Action<WatchSubscription> _unsubscribe;
    private readonly CancellationTokenSource _dropped = new();
    private readonly Channel<WatchItem> _items = Channel.CreateUnbounded<WatchItem>(new UnboundedChannelOptions { SingleReader = true });

    internal WatchSubscription(string groupResource, string? ns, Action<WatchSubscription> unsubscribe)
    {
        GroupResource = groupResource;
        Namespace = ns;
        _unsubscribe = unsubscribe;
    }

    public string GroupResource { get; }

    /// <summary>The namespace watched, or null for every namespace.</summary>
    public string? Namespace { get; }

    /// <summary>Fires when the server drops this watch.</summary>
    public CancellationToken Dropped => _dropped.Token;

    /// <summary>True when the drop should abort the connection rather than end the response.</summary>
    public bool AbortConnection { get; private set; }

    public ChannelReader<WatchItem> Items => _items.Reader;

    internal void Publish(WatchItem item) => _items.Writer.TryWrite(item);

    internal bool Matches(StoredEvent e) => e.GroupResource == GroupResource && (Namespace is null || e.Namespace == Namespace);

    internal void Drop(bool abortConnection)
    {
        AbortConnection = abortConnection;
        _dropped.Cancel();
    }

    public void Dispose()
    {
        _unsubscribe(this);
        _items.Writer.TryComplete();
        _dropped.Dispose();
    }
}
