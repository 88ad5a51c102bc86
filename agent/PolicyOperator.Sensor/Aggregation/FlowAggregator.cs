using PolicyOperator.Sensor.Dns;
using PolicyOperator.Sensor.Events;

namespace PolicyOperator.Sensor.Aggregation;

/// <summary>
/// Folds the kernel's flow observations (ring buffer events and map reads, both carrying cumulative
/// counters) into one total per flow. Applying the same observation twice changes nothing, so a
/// lost event is made good by the next one or by a map read, and nothing is counted twice. A new
/// kernel entry for a known key (after LRU eviction, or a map-full observation) adds to the total.
/// Not thread-safe: one writer.
/// </summary>
public sealed class FlowAggregator(DnsNameCache? names = null)
{
    private readonly Dictionary<FlowKeyRaw, FlowState> _flows = [];

    /// <summary>Flows held.</summary>
    public int Count => _flows.Count;

    /// <summary>Observations applied.</summary>
    public long Applied { get; private set; }

    /// <summary>Applies one observation of a flow's cumulative counters.</summary>
    public void Apply(in FlowKeyRaw key, in FlowValueRaw value)
    {
        Applied++;
        if (!_flows.TryGetValue(key, out var state))
        {
            state = new FlowState { Current = value };
            _flows.Add(key, state);
        }
        else
        {
            state.Merge(value);
        }

        if (names is not null && state.NamesVersion != names.Version)
        {
            state.AddNames(names, key);
        }
    }

    /// <summary>Applies a decoded ring buffer event.</summary>
    public void Apply(in FlowEventRaw flowEvent) => Apply(flowEvent.Key, flowEvent.Value);

    /// <summary>Adds a flow found open at start-up (before the kernel saw it start).</summary>
    public void AddPreExisting(in FlowKeyRaw key, in FlowValueRaw value)
    {
        if (_flows.TryGetValue(key, out var state))
        {
            state.AddScanned(value);
            return;
        }

        Apply(key, value);
        state = _flows[key];
        state.PreExisting = true;
        state.CurrentIsScan = true;
    }

    /// <summary>Every flow, decoded.</summary>
    public IReadOnlyList<FlowRecord> Snapshot(KernelClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var records = new List<FlowRecord>(_flows.Count);
        foreach (var (key, state) in _flows)
        {
            records.Add(state.ToRecord(key, clock));
        }

        return records;
    }
}
