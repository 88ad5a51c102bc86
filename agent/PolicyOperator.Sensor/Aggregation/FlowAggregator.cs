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

        return FoldUnnamedResponders(records);
    }

    /// <summary>
    /// A UDP server socket that existed before the sensor is named (process, namespace) only by its
    /// first reply, so the packets it received before that are keyed with namespace 0. They belong to
    /// the same flow as the named record that differs only in the namespace: fold them into it.
    /// </summary>
    private static List<FlowRecord> FoldUnnamedResponders(List<FlowRecord> records)
    {
        if (!records.Exists(r => r.Key.NetnsInode == 0))
        {
            return records;
        }

        var named = new Dictionary<FlowKey, int>();
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Key.NetnsInode != 0)
            {
                named.TryAdd(records[i].Key with { NetnsInode = 0 }, i);
            }
        }

        var folded = new List<FlowRecord>(records.Count);
        var merged = new FlowRecord?[records.Count];
        foreach (var record in records)
        {
            if (record.Key.NetnsInode == 0 && named.TryGetValue(record.Key, out var target))
            {
                var into = merged[target] ?? records[target];
                merged[target] = into with
                {
                    BytesSent = into.BytesSent + record.BytesSent,
                    BytesReceived = into.BytesReceived + record.BytesReceived,
                    PacketsSent = into.PacketsSent + record.PacketsSent,
                    PacketsReceived = into.PacketsReceived + record.PacketsReceived,
                    Connections = into.Connections + record.Connections,
                    FirstSeen = record.FirstSeen < into.FirstSeen ? record.FirstSeen : into.FirstSeen,
                    LastSeen = record.LastSeen > into.LastSeen ? record.LastSeen : into.LastSeen,
                };
            }
        }

        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Key.NetnsInode == 0 && named.ContainsKey(records[i].Key))
            {
                continue;
            }

            folded.Add(merged[i] ?? records[i]);
        }

        return folded;
    }
}
