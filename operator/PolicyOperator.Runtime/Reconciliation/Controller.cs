using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyOperator.Api.Meta;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Metrics;
using PolicyOperator.Runtime.Queue;

namespace PolicyOperator.Runtime.Reconciliation;

/// <summary>
/// Feeds an informer's changes (status-only updates skipped) into a rate-limited work queue, and runs
/// <see cref="ControllerOptions.Workers"/> workers that call <see cref="IReconciler{T}"/> per key: success
/// forgets the key's backoff, an exception requeues it with backoff, a result may requeue it after a delay.
/// </summary>
/// <typeparam name="T">The reconciled object type.</typeparam>
public sealed partial class Controller<T> : IController, IResourceEventHandler<T>, IDisposable
    where T : class, IKubernetesObject<ObjectMeta>
{
    private readonly SharedInformer<T> _informer;
    private readonly IServiceScopeFactory _scopes;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly Counter _reconciles;
    private readonly Histogram.Cell _duration;
    private readonly Gauge.Cell _depth;

    public Controller(string name, SharedInformer<T> informer, IServiceScopeFactory scopes, ControllerOptions? options = null, ILogger? logger = null, MetricsRegistry? metrics = null)
    {
        Name = name;
        _informer = informer;
        _scopes = scopes;
        _options = options ?? new ControllerOptions();
        _logger = logger ?? NullLogger.Instance;
        metrics ??= new MetricsRegistry();
        Queue = new WorkQueue<ObjectKey>(_options.Queue);
        _reconciles = metrics.Counter("controller_reconcile_total", "Reconciles by result (success, requeue_after, error).", "controller", "result");
        _duration = metrics.Histogram("controller_reconcile_duration_seconds", "Time spent in a reconcile.", null, "controller").WithLabels(name);
        _depth = metrics.Gauge("workqueue_depth", "Keys waiting in the work queue.", "controller").WithLabels(name);
        informer.AddHandler(this);
    }

    public string Name { get; }

    /// <summary>The controller's queue: its keys are reconciled by the workers.</summary>
    public WorkQueue<ObjectKey> Queue { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _informer.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(_logger, Name, _options.Workers);

        // Running reconciles get their own token: on shutdown they may finish within the timeout.
        using var reconcileCancellation = new CancellationTokenSource();
        var workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => WorkAsync(reconcileCancellation.Token), CancellationToken.None)).ToArray();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: no new keys, let the running ones finish.
        }

        Queue.ShutDown();
        var all = Task.WhenAll(workers);
        if (await Task.WhenAny(all, Task.Delay(_options.ShutdownTimeout, CancellationToken.None)).ConfigureAwait(false) != all)
        {
            LogShutdownTimeout(_logger, Name, _options.ShutdownTimeout.TotalSeconds);
            await reconcileCancellation.CancelAsync().ConfigureAwait(false);
        }

        await all.ConfigureAwait(false);
        LogStopped(_logger, Name);
    }

    public void OnAdded(T value) => Enqueue(value);

    public void OnUpdated(T oldValue, T newValue)
    {
        if (GenerationChangedFilter.ShouldReconcile(oldValue, newValue))
        {
            Enqueue(newValue);
        }
    }

    public void OnDeleted(T value) => Enqueue(value);

    public void Dispose() => Queue.Dispose();

    private void Enqueue(T value)
    {
        Queue.Add(ObjectKey.For(value));
        _depth.Set(Queue.Count);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ObjectKey key;
            try
            {
                key = await Queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _depth.Set(Queue.Count);
            try
            {
                await ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var reconciler = scope.ServiceProvider.GetRequiredService<IReconciler<T>>();
            var result = await reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            Queue.Forget(key);
            if (result.RequeueAfter is { } delay)
            {
                Queue.AddAfter(key, delay);
                _reconciles.WithLabels(Name, "requeue_after").Inc();
            }
            else
            {
                _reconciles.WithLabels(Name, "success").Inc();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled by shutdown: the next leader reconciles it (level-triggered, nothing is lost).
        }
        catch (Exception e)
        {
            _reconciles.WithLabels(Name, "error").Inc();
            LogReconcileFailed(_logger, e, Name, key.ToString(), Queue.Requeues(key) + 1);
            Queue.AddRateLimited(key);
        }
        finally
        {
            _duration.Observe(clock.Elapsed.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "controller {Controller}: cache synced, starting {Workers} workers")]
    private static partial void LogStarted(ILogger logger, string controller, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "controller {Controller}: stopped")]
    private static partial void LogStopped(ILogger logger, string controller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "controller {Controller}: reconciles still running after {Seconds} s; cancelling them")]
    private static partial void LogShutdownTimeout(ILogger logger, string controller, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "controller {Controller}: reconcile of {Key} failed (attempt {Attempt}); requeued with backoff")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string controller, string key, int attempt);
}
