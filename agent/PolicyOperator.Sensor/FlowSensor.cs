using PolicyOperator.LibBpf;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Dns;
using PolicyOperator.Sensor.Events;
using PolicyOperator.Sensor.Existing;
using PolicyOperator.Sensor.Hooks;
using PolicyOperator.Sensor.Loading;

namespace PolicyOperator.Sensor;

/// <summary>
/// The flow sensor: loads and attaches the kernel programs, reads their ring buffers, parses DNS,
/// and aggregates flows with the names their peers were resolved from. Read it with
/// <see cref="Poll"/> (or <see cref="RunAsync"/>), <see cref="Flows"/> and <see cref="ReadDrops"/>.
/// Thread-safe: one thread polls, any thread reads.
/// </summary>
public sealed class FlowSensor : IDisposable
{
    private const int MaxRecentDns = 1024;

    private readonly Lock _gate = new();
    private readonly SensorObjects _objects;
    private readonly BpfRingBuffer _ringBuffer;
    private readonly KernelClock _clock = new();
    private readonly DnsNameCache _names;
    private readonly FlowAggregator _aggregator;
    private readonly Queue<DnsObservation> _recentDns = new();
    private readonly DnsQueryCounter _dnsQueries = new();
    private ulong _malformedRecords;
    private ulong _dnsParseErrors;

    private FlowSensor(SensorObjects objects, TimeProvider? time)
    {
        _objects = objects;
        _names = new DnsNameCache(time);
        _aggregator = new FlowAggregator(_names);
        _ringBuffer = BpfRingBuffer.Create(objects.Map(FlowNames.FlowEventsMap), OnFlowRecord);
        _ringBuffer.Add(objects.Map(FlowNames.DnsEventsMap), OnDnsRecord);
    }

    /// <summary>The hooks that run, and those the kernel refused with its reasons.</summary>
    public HookReport Hooks => _objects.Hooks;

    /// <summary>The IP-to-name map built from DNS answers.</summary>
    public DnsNameCache Names => _names;

    /// <summary>
    /// Loads, attaches and starts reading. With a <see cref="SensorOptions.PinDirectory"/> that a
    /// previous sensor pinned, the counts and open sockets it had are taken over.
    /// </summary>
    public static FlowSensor Start(SensorOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var objects = SensorObjects.Load(options);
        try
        {
            var sensor = new FlowSensor(objects, time);
            sensor.Sweep(); // counts a previous sensor left in pinned maps
            if (options.ScanExistingConnections)
            {
                sensor.AddExistingConnections(new ExistingConnectionScanner(cgroupRoot: options.CgroupPath is null ? null : CgroupV2.Root));
            }

            return sensor;
        }
        catch
        {
            objects.Dispose();
            throw;
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for events and handles them; returns how many.</summary>
    /// <remarks>
    /// The kernel wakes the reader only when a ring fills up (waking it for every event would cost
    /// more than the event), so a poll that times out still drains what is there.
    /// </remarks>
    public int Poll(TimeSpan timeout) => _ringBuffer.Poll(timeout) + _ringBuffer.Consume();

    /// <summary>
    /// Reads every flow's counters straight from the kernel map: picks up changes the ring buffer has
    /// not carried yet (between report intervals, or after a ring buffer drop).
    /// </summary>
    public void Sweep()
    {
        var flows = _objects.Map(FlowNames.FlowsMap);
        foreach (var key in flows.Keys<FlowKeyRaw>())
        {
            if (flows.TryLookup(key, out FlowValueRaw value))
            {
                lock (_gate)
                {
                    _aggregator.Apply(key, value);
                }
            }
        }
    }

    /// <summary>Polls and sweeps until cancelled (on the calling task; run it on its own thread).</summary>
    public Task RunAsync(TimeSpan sweepInterval, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () =>
            {
                var nextSweep = DateTime.UtcNow + sweepInterval;
                while (!cancellationToken.IsCancellationRequested)
                {
                    Poll(TimeSpan.FromMilliseconds(100));
                    if (DateTime.UtcNow >= nextSweep)
                    {
                        Sweep();
                        nextSweep = DateTime.UtcNow + sweepInterval;
                    }
                }
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>Every flow seen so far, with totals.</summary>
    public IReadOnlyList<FlowRecord> Flows()
    {
        lock (_gate)
        {
            return _aggregator.Snapshot(_clock);
        }
    }

    /// <summary>The most recent DNS messages seen (at most 1,024), oldest first.</summary>
    public IReadOnlyList<DnsObservation> RecentDns()
    {
        lock (_gate)
        {
            return [.. _recentDns];
        }
    }

    /// <summary>The DNS questions each socket owner asked and the answers it received, per name and type, since the sensor started.</summary>
    public IReadOnlyList<DnsQueryTally> DnsQueries()
    {
        lock (_gate)
        {
            return _dnsQueries.Snapshot();
        }
    }

    /// <summary>The drop counters: the kernel's (summed over CPUs) and user space's.</summary>
    public DropCounters ReadDrops()
    {
        var drops = _objects.Map(FlowNames.DropsMap);
        var totals = new ulong[FlowNames.DropReasons];
        for (var reason = 0u; reason < totals.Length; reason++)
        {
            if (drops.TryLookupPerCpu(reason, out var perCpu))
            {
                totals[reason] = perCpu.Aggregate(0UL, (sum, v) => sum + v);
            }
        }

        var live = (ulong)_objects.Map(FlowNames.FlowsMap).Keys<FlowKeyRaw>().Count;
        var created = totals[FlowNames.FlowsCreatedIndex];
        lock (_gate)
        {
            return new DropCounters
            {
                FlowRingBufferFull = totals[0],
                FlowMapFull = totals[1],
                FlowMapEvictions = created > live ? created - live : 0,
                SocketMapFull = totals[2],
                UntrackedCloses = totals[FlowNames.UntrackedCloseIndex],
                DnsRingBufferFull = totals[3],
                DnsTruncated = totals[4],
                MalformedRecords = _malformedRecords,
                DnsParseErrors = _dnsParseErrors,
                DnsQueriesDropped = (ulong)_dnsQueries.Dropped,
            };
        }
    }

    /// <summary>Each loaded program's kernel facts (run counts and time while statistics are on).</summary>
    public IReadOnlyList<BpfProgramInfo> ProgramInfos() => _objects.ProgramInfos();

    /// <summary>Kernel memory of the sensor's maps (each map once), as the kernel charges it.</summary>
    public long MapMemoryBytes() => _objects.MapMemoryBytes();

    /// <summary>
    /// Adds connections found open at start-up, and tells the kernel which processes already
    /// listen (a listener the kernel saw start is kept as the kernel recorded it).
    /// </summary>
    public void AddExistingConnections(ExistingConnectionScanner scanner)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        var (connections, listeners) = scanner.ScanAll();
        var listenerMap = _objects.Map(FlowNames.ListenersMap);
        foreach (var (key, value) in listeners)
        {
            if (!listenerMap.TryLookup(key, out ListenerValueRaw _))
            {
                listenerMap.Update(key, value);
            }
        }

        lock (_gate)
        {
            foreach (var (key, value) in connections)
            {
                _aggregator.AddPreExisting(key, value);
            }
        }
    }

    /// <summary>Removes a pin directory a sensor left (its maps are freed once nothing holds them).</summary>
    public static void RemovePins(string pinDirectory)
    {
        ArgumentNullException.ThrowIfNull(pinDirectory);
        if (Directory.Exists(pinDirectory))
        {
            Directory.Delete(pinDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Stops the kernel running the programs, keeping them and their maps loaded (for side-by-side
    /// measurements); <see cref="Resume"/> attaches them again.
    /// </summary>
    public void Suspend() => _objects.Detach();

    /// <summary>Attaches again the programs <see cref="Suspend"/> detached.</summary>
    public void Resume() => _objects.Reattach();

    /// <summary>Detaches the programs and stops reading; pinned maps stay for the next sensor.</summary>
    public void Dispose()
    {
        _ringBuffer.Dispose();
        _objects.Dispose();
    }

    private void OnFlowRecord(ReadOnlySpan<byte> record)
    {
        lock (_gate)
        {
            if (!FlowEventDecoder.TryDecode(record, out var flowEvent))
            {
                _malformedRecords++;
                return;
            }

            _aggregator.Apply(flowEvent);
        }
    }

    private void OnDnsRecord(ReadOnlySpan<byte> record)
    {
        if (!DnsEventDecoder.TryDecode(record, _clock, out var observation, out _))
        {
            lock (_gate)
            {
                _dnsParseErrors++;
            }

            return;
        }

        lock (_gate)
        {
            // Answers arriving at a socket tell what its namespace resolved.
            if (observation!.Direction == FlowDirection.Ingress && observation.Message.IsResponse && observation.NetnsInode != 0)
            {
                _names.Record(observation.NetnsInode, observation.Message);
            }

            _dnsQueries.Record(observation);
            _recentDns.Enqueue(observation);
            if (_recentDns.Count > MaxRecentDns)
            {
                _recentDns.Dequeue();
            }
        }
    }
}
