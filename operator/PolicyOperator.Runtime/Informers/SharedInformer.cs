using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Errors;
using PolicyOperator.Runtime.Metrics;

namespace PolicyOperator.Runtime.Informers;

/// <summary>
/// Keeps an <see cref="InformerCache{T}"/> in step with the API server and tells handlers what changed:
/// list, then watch from the list's resourceVersion (bookmarks move it on); a dropped watch resumes from
/// the last version seen, 410 Gone relists, other failures back off with jitter; one bad event is
/// logged and skipped, never ending the loop.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed partial class SharedInformer<T> : IInformer
    where T : class, IKubernetesObject<ObjectMeta>
{
    /// <summary>A watch that ends this soon without an event counts as a failure to back off from.</summary>
    private static readonly TimeSpan ShortWatch = TimeSpan.FromSeconds(1);

    private readonly IListWatchSource<T> _source;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _handlersLock = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Counter.Cell _events;
    private readonly Counter.Cell _relists;
    private readonly Counter.Cell _failures;
    private readonly Gauge.Cell _objects;
    private IResourceEventHandler<T>[] _handlers = [];

    public SharedInformer(string name, IListWatchSource<T> source, InformerOptions? options = null, ILogger? logger = null, MetricsRegistry? metrics = null)
    {
        Name = name;
        _source = source;
        _options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        metrics ??= new MetricsRegistry();
        _events = metrics.Counter("informer_events_total", "Watch events applied to the informer cache.", "informer").WithLabels(name);
        _relists = metrics.Counter("informer_lists_total", "Full lists (start, and after 410 Gone).", "informer").WithLabels(name);
        _failures = metrics.Counter("informer_failures_total", "Failed lists and watches, each followed by a backoff.", "informer").WithLabels(name);
        _objects = metrics.Gauge("informer_cache_objects", "Objects in the informer cache.", "informer").WithLabels(name);
    }

    public string Name { get; }

    public InformerCache<T> Cache { get; } = new();

    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the informer would resume watching from.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>
    /// Adds a handler. Added after the first sync, it is first told about every cached object as added
    /// (as with client-go's shared informers).
    /// </summary>
    public void AddHandler(IResourceEventHandler<T> handler)
    {
        lock (_handlersLock)
        {
            _handlers = [.. _handlers, handler];
            if (HasSynced)
            {
                foreach (var value in Cache.List())
                {
                    Dispatch(handler, h => h.OnAdded(value));
                }
            }
        }
    }

    /// <summary>Completes when the first list filled the cache.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        string? version = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                version ??= await RelistAsync(cancellationToken).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                var received = 0;
                await foreach (var watchEvent in _source.WatchAsync(version, cancellationToken).ConfigureAwait(false))
                {
                    version = Apply(watchEvent) ?? version;
                    ResourceVersion = version;
                    backoff = _options.InitialBackoff;
                    received++;
                }

                // The server ended the watch (its timeout, or a dropped connection): resume from the last version,
                // at once unless watches keep ending empty-handed (a proxy that cuts every stream).
                LogWatchEnded(_logger, Name, version);
                if (received == 0 && Stopwatch.GetElapsedTime(started) < ShortWatch)
                {
                    backoff = await BackOffAsync(backoff, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (ResourceExpiredException e)
            {
                // 410 Gone: the version is older than the server keeps; only a new list is consistent.
                LogExpired(_logger, Name, version, e.Message);
                version = null;
            }
            catch (Exception e)
            {
                _failures.Inc();
                LogFailure(_logger, e, Name, backoff.TotalMilliseconds);
                backoff = await BackOffAsync(backoff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits a jittered <paramref name="backoff"/> (cancellation ends the wait quietly); returns the next, doubled, up to the cap.</summary>
    private async Task<TimeSpan> BackOffAsync(TimeSpan backoff, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Jitter(backoff), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop condition sees the cancellation.
        }

        return TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
    }

    /// <summary>Replaces the cache with a fresh list, telling handlers the difference; returns the list's version.</summary>
    private async Task<string> RelistAsync(CancellationToken cancellationToken)
    {
        var list = await _source.ListAsync(cancellationToken).ConfigureAwait(false);
        _relists.Inc();
        var seen = new HashSet<ObjectKey>();
        foreach (var value in list.Items)
        {
            if (TryKey(value) is not { } key)
            {
                continue;
            }

            seen.Add(key);
            var old = Cache.Upsert(value);
            if (old is null)
            {
                Notify(h => h.OnAdded(value));
            }
            else if (old.Metadata.ResourceVersion != value.Metadata.ResourceVersion)
            {
                Notify(h => h.OnUpdated(old, value));
            }
        }

        foreach (var key in Cache.Keys().Where(key => !seen.Contains(key)))
        {
            // Deleted while we were not watching.
            if (Cache.Remove(key) is { } gone)
            {
                Notify(h => h.OnDeleted(gone));
            }
        }

        _objects.Set(Cache.Count);
        var version = list.Metadata.ResourceVersion ?? throw new InvalidOperationException($"the list of {Name} has no resourceVersion to watch from");
        ResourceVersion = version;
        _synced.TrySetResult();
        return version;
    }

    /// <summary>Applies one event to the cache and the handlers; a bad event is logged and skipped.</summary>
    private string? Apply(WatchEvent<T> watchEvent)
    {
        try
        {
            _events.Inc();
            switch (watchEvent.Type)
            {
                case WatchEventType.Added or WatchEventType.Modified when watchEvent.Object is { } value:
                    var old = Cache.Upsert(value);
                    if (old is null)
                    {
                        Notify(h => h.OnAdded(value));
                    }
                    else
                    {
                        Notify(h => h.OnUpdated(old, value));
                    }

                    break;
                case WatchEventType.Deleted when watchEvent.Object is { } value:
                    var removed = Cache.Remove(ObjectKey.For(value));
                    Notify(h => h.OnDeleted(removed ?? value));
                    break;
            }

            _objects.Set(Cache.Count);
            return watchEvent.ResourceVersion;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            _failures.Inc();
            LogBadEvent(_logger, e, Name, watchEvent.Type);
            return watchEvent.ResourceVersion;
        }
    }

    private ObjectKey? TryKey(T value)
    {
        if (value.Metadata.Name is null)
        {
            LogBadEvent(_logger, null, Name, WatchEventType.Added);
            return null;
        }

        return ObjectKey.For(value);
    }

    private void Notify(Action<IResourceEventHandler<T>> call)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            Dispatch(handler, call);
        }
    }

    private void Dispatch(IResourceEventHandler<T> handler, Action<IResourceEventHandler<T>> call)
    {
        try
        {
            call(handler);
        }
        catch (Exception e)
        {
            // A handler's bug must not stop the cache from following the server.
            LogHandlerFailure(_logger, e, Name, handler.GetType().Name);
        }
    }

    private static TimeSpan Jitter(TimeSpan backoff) =>
        TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + (Random.Shared.NextDouble() * 0.5))));

    [LoggerMessage(Level = LogLevel.Debug, Message = "informer {Informer}: watch ended at resourceVersion {Version}; resuming")]
    private static partial void LogWatchEnded(ILogger logger, string informer, string? version);

    [LoggerMessage(Level = LogLevel.Information, Message = "informer {Informer}: resourceVersion {Version} expired ({Reason}); relisting")]
    private static partial void LogExpired(ILogger logger, string informer, string? version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "informer {Informer}: list/watch failed; retrying after about {DelayMs:F0} ms")]
    private static partial void LogFailure(ILogger logger, Exception exception, string informer, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "informer {Informer}: skipped a bad {Type} event")]
    private static partial void LogBadEvent(ILogger logger, Exception? exception, string informer, WatchEventType type);

    [LoggerMessage(Level = LogLevel.Error, Message = "informer {Informer}: handler {Handler} failed")]
    private static partial void LogHandlerFailure(ILogger logger, Exception exception, string informer, string handler);
}
