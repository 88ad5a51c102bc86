using PolicyOperator.Observation.Attribution;
using PolicyOperator.Observation.Recording;
using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Dns;

namespace PolicyOperator.Observation;

/// <summary>
/// A running sensor with the attribution and recording pipeline over it: what <c>policy-agent</c>
/// and <c>policyctl observe</c> both run. The sensor is read on a thread of its own; <see cref="Flows"/>
/// folds in what the kernel map holds before answering.
/// </summary>
public sealed class ObservationSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private ObservationSession(FlowSensor sensor, ObservationPipeline pipeline, CgroupPathResolver cgroups)
    {
        Sensor = sensor;
        Pipeline = pipeline;
        Cgroups = cgroups;
        _reading = sensor.RunAsync(TimeSpan.FromSeconds(1), _stop.Token);
    }

    /// <summary>The sensor (hooks, drop counters).</summary>
    public FlowSensor Sensor { get; }

    /// <summary>Flows to ObservedTraffic.</summary>
    public ObservationPipeline Pipeline { get; }

    /// <summary>The cgroup resolver (its misses are attribution misses).</summary>
    public CgroupPathResolver Cgroups { get; }

    /// <summary>Loads and attaches the sensor and starts reading it.</summary>
    public static ObservationSession Start(ObservationSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sensor = FlowSensor.Start(options.Sensor);
        try
        {
            var cgroups = new CgroupPathResolver(options.CgroupRoot);
            var names = new NetworkNamespaceNames(options.NamedNetworkNamespaces, options.HostProc);
            var attributor = new FlowAttributor(new LocalAttributor(cgroups, names), options.Node);
            return new ObservationSession(sensor, new ObservationPipeline(attributor, new TrafficRecorder(options.Limits, windows: options.Window is { } window ? new ObservationWindowSchedule(window) : null)), cgroups);
        }
        catch
        {
            sensor.Dispose();
            throw;
        }
    }

    /// <summary>Every flow seen so far, with the kernel map's latest counts.</summary>
    public IReadOnlyList<FlowRecord> Flows()
    {
        Sensor.Sweep();
        return Sensor.Flows();
    }

    /// <summary>The DNS questions asked and answers received so far, per socket owner, name and type.</summary>
    public IReadOnlyList<DnsQueryTally> DnsQueries() => Sensor.DnsQueries();

    /// <summary>Stops reading and detaches the sensor (pinned maps stay).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        Sensor.Dispose();
        _stop.Dispose();
    }
}
