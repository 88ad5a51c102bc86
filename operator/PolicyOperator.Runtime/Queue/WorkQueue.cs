namespace PolicyOperator.Runtime.Queue;

/// <summary>
/// A rate-limited work queue with client-go's guarantees: an item waiting is queued once however often
/// it is added; an item is never handed to two workers at once (added while processed, it is queued
/// again when <see cref="Done"/>); failed items come back after a per-item exponential backoff.
/// </summary>
/// <typeparam name="TKey">The work item, usually an object key.</typeparam>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, DateTimeOffset> _waiting = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ExponentialBackoff<TKey> _backoff;
    private readonly TimeProvider _time;

    public WorkQueue(WorkQueueOptions? options = null)
    {
        options ??= new WorkQueueOptions();
        _backoff = new ExponentialBackoff<TKey>(options.BaseDelay, options.MaxDelay);
        _time = options.TimeProvider;
    }

    /// <summary>Items waiting to be handed out (not those being processed or delayed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Items being processed by workers.</summary>
    public int Processing
    {
        get
        {
            lock (_lock)
            {
                return _processing.Count;
            }
        }
    }

    public bool IsShutDown => _shutdown.IsCancellationRequested;

    /// <summary>Queues <paramref name="item"/> unless it is already waiting.</summary>
    public void Add(TKey item)
    {
        lock (_lock)
        {
            if (_shutdown.IsCancellationRequested || !_dirty.Add(item))
            {
                return;
            }

            if (_processing.Contains(item))
            {
                // Done() queues it again, so that no two workers hold the same item.
                return;
            }

            _queue.Enqueue(item);
        }

        _available.Release();
    }

    /// <summary>Queues <paramref name="item"/> after <paramref name="delay"/>; an earlier pending time wins.</summary>
    public void AddAfter(TKey item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        var readyAt = _time.GetUtcNow() + delay;
        lock (_lock)
        {
            if (_shutdown.IsCancellationRequested || (_waiting.TryGetValue(item, out var pending) && pending <= readyAt))
            {
                return;
            }

            _waiting[item] = readyAt;
        }

        ITimer? timer = null;
        timer = _time.CreateTimer(
            _ =>
            {
                lock (_lock)
                {
                    // A later AddAfter with an earlier time replaced this one; its own timer adds the item.
                    if (!_waiting.TryGetValue(item, out var current) || current != readyAt)
                    {
                        timer?.Dispose();
                        return;
                    }

                    _waiting.Remove(item);
                }

                timer?.Dispose();
                Add(item);
            },
            null,
            delay,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>Queues <paramref name="item"/> after its backoff: each call without <see cref="Forget"/> doubles it.</summary>
    public void AddRateLimited(TKey item) => AddAfter(item, _backoff.NextDelay(item));

    /// <summary>Clears the backoff of <paramref name="item"/> (it was processed successfully).</summary>
    public void Forget(TKey item) => _backoff.Forget(item);

    /// <summary>How many times <paramref name="item"/> was re-queued by <see cref="AddRateLimited"/> since it was forgotten.</summary>
    public int Requeues(TKey item) => _backoff.Failures(item);

    /// <summary>Waits for the next item; the caller must call <see cref="Done"/> with it.</summary>
    /// <exception cref="OperationCanceledException">The queue was shut down or the token cancelled.</exception>
    public async Task<TKey> GetAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        await _available.WaitAsync(linked.Token).ConfigureAwait(false);
        lock (_lock)
        {
            var item = _queue.Dequeue();
            _processing.Add(item);
            _dirty.Remove(item);
            return item;
        }
    }

    /// <summary>Marks <paramref name="item"/> processed; if it was added meanwhile, it is queued again.</summary>
    public void Done(TKey item)
    {
        lock (_lock)
        {
            _processing.Remove(item);
            if (!_dirty.Contains(item) || _shutdown.IsCancellationRequested)
            {
                return;
            }

            _queue.Enqueue(item);
        }

        _available.Release();
    }

    private int _disposed;

    /// <summary>Stops handing out items: waiting and future <see cref="GetAsync"/> calls are cancelled.</summary>
    public void ShutDown() => _shutdown.Cancel();

    /// <summary>Idempotent: a queue shared by two owners (a controller registered under two service types) is disposed by both.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _shutdown.Cancel();
        _shutdown.Dispose();
        _available.Dispose();
    }
}
