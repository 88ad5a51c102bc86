using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyOperator.Observation.Attribution;
using PolicyOperator.Observation.Recording;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Dns;

namespace PolicyOperator.Observation.Reporting;

/// <summary>
/// Every interval: reads the sensor's flows (and DNS questions, when given), runs the pipeline and writes the result to the sink.
/// A failed write (API server down) loses nothing: the flows stay in the sensor, merged, and the
/// next round writes them. A write is given <c>writeTimeout</c> (a sink that keeps retrying an
/// API server that is down must not hold up the rounds). Thread-safe to read <see cref="LastRound"/>
/// and the counters.
/// </summary>
public sealed class ObservationReporter(
    ObservationPipeline pipeline,
    Func<IReadOnlyList<FlowRecord>> flows,
    Func<InventorySnapshot?> inventory,
    IObservedTrafficSink sink,
    ILogger? logger = null,
    TimeSpan? writeTimeout = null,
    Func<IReadOnlyList<DnsQueryTally>>? dnsQueries = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private ObservationRound? _lastRound;
    private long _writes;
    private long _failures;

    /// <summary>The most recent round, or null before the first.</summary>
    public ObservationRound? LastRound => Volatile.Read(ref _lastRound);

    /// <summary>Rounds written.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Rounds whose write failed (written again next round).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Observes and writes once; false when the write failed (it is logged).</summary>
    public async Task<bool> ReportOnceAsync(CancellationToken cancellationToken)
    {
        var round = pipeline.Observe(flows(), inventory(), dnsQueries?.Invoke());
        Volatile.Write(ref _lastRound, round);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(writeTimeout ?? Timeout.InfiniteTimeSpan);
        try
        {
            await sink.WriteAsync(round.Traffic, timeout.Token);
            Interlocked.Increment(ref _writes);
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            _logger.LogWarning(e, "writing {Count} ObservedTraffic objects failed; they are kept and written next round", round.Traffic.Count);
            return false;
        }
    }

    /// <summary>Reports every <paramref name="interval"/> until cancelled, then once more (what the last interval saw).</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await ReportOnceAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping: the final round below
        }

        await ReportOnceAsync(CancellationToken.None);
    }
}
