using PolicyOperator.Sensor.Dns;
using PolicyOperator.Sensor.Events;

namespace PolicyOperator.Sensor.Aggregation;

/// <summary>The running total of one flow: the current kernel entry plus entries it replaced.</summary>
internal sealed class FlowState
{
    private FlowValueRaw _retired;
    private SortedSet<string>? _names;

    public FlowValueRaw Current;

    public bool PreExisting { get; set; }

    public long NamesVersion { get; private set; } = -1;

    /// <summary>True while <see cref="Current"/> holds a start-up scan, not a kernel entry.</summary>
    public bool CurrentIsScan { get; set; }

    /// <summary>Adds a connection found open at start-up beside the kernel's counts.</summary>
    public void AddScanned(in FlowValueRaw value)
    {
        PreExisting = true;
        _retired.Connections += value.Connections;
        _retired.FirstSeenNs = _retired.FirstSeenNs == 0 ? value.FirstSeenNs : Math.Min(_retired.FirstSeenNs, value.FirstSeenNs);
    }

    public void Merge(in FlowValueRaw value)
    {
        if (CurrentIsScan)
        {
            // The scan's entry gives way to the kernel's whatever their times: it is kept as retired.
            CurrentIsScan = false;
            Retire(value);
            return;
        }

        if (value.FirstSeenNs == Current.FirstSeenNs)
        {
            // The same kernel entry: counters only grow, events may arrive out of order.
            Current.BytesSent = Math.Max(Current.BytesSent, value.BytesSent);
            Current.BytesReceived = Math.Max(Current.BytesReceived, value.BytesReceived);
            Current.PacketsSent = Math.Max(Current.PacketsSent, value.PacketsSent);
            Current.PacketsReceived = Math.Max(Current.PacketsReceived, value.PacketsReceived);
            Current.Connections = Math.Max(Current.Connections, value.Connections);
            Current.Closes = Math.Max(Current.Closes, value.Closes);
            Current.LastSeenNs = Math.Max(Current.LastSeenNs, value.LastSeenNs);
            if (Current.Pid == 0 && value.Pid != 0)
            {
                Current.Pid = value.Pid;
                Current.Tid = value.Tid;
                CopyComm(value, ref Current);
            }

            return;
        }

        if (value.FirstSeenNs < Current.FirstSeenNs)
        {
            return; // a late observation of an entry already retired: it was counted then
        }

        Retire(value);
    }

    private void Retire(in FlowValueRaw value)
    {
        _retired.BytesSent += Current.BytesSent;
        _retired.BytesReceived += Current.BytesReceived;
        _retired.PacketsSent += Current.PacketsSent;
        _retired.PacketsReceived += Current.PacketsReceived;
        _retired.Connections += Current.Connections;
        _retired.Closes += Current.Closes;
        _retired.FirstSeenNs = _retired.FirstSeenNs == 0 ? Current.FirstSeenNs : Math.Min(_retired.FirstSeenNs, Current.FirstSeenNs);
        var keep = Current;
        Current = value;
        if (Current.Pid == 0 && keep.Pid != 0)
        {
            Current.Pid = keep.Pid;
            Current.Tid = keep.Tid;
            CopyComm(keep, ref Current);
        }
    }

    public unsafe void AddNames(DnsNameCache names, in FlowKeyRaw key)
    {
        NamesVersion = names.Version;
        fixed (byte* remote = key.RemoteAddress)
        {
            var found = names.Lookup(key.NetnsInode, KernelAddress.ToNumber(new ReadOnlySpan<byte>(remote, 16)));
            if (found.Count > 0)
            {
                _names ??= new SortedSet<string>(StringComparer.Ordinal);
                _names.UnionWith(found);
            }
        }
    }

    public unsafe FlowRecord ToRecord(in FlowKeyRaw key, KernelClock clock)
    {
        string comm;
        fixed (byte* c = Current.Comm)
        {
            comm = KernelAddress.ToComm(new ReadOnlySpan<byte>(c, 16));
        }

        var firstSeen = _retired.FirstSeenNs != 0 ? Math.Min(_retired.FirstSeenNs, Current.FirstSeenNs) : Current.FirstSeenNs;
        return new FlowRecord
        {
            Key = FlowKey.FromRaw(key),
            Pid = (int)Current.Pid,
            Tid = (int)Current.Tid,
            Comm = comm,
            BytesSent = _retired.BytesSent + Current.BytesSent,
            BytesReceived = _retired.BytesReceived + Current.BytesReceived,
            PacketsSent = _retired.PacketsSent + Current.PacketsSent,
            PacketsReceived = _retired.PacketsReceived + Current.PacketsReceived,
            Connections = _retired.Connections + Current.Connections,
            Closes = _retired.Closes + Current.Closes,
            FirstSeen = clock.ToUtc(firstSeen),
            LastSeen = clock.ToUtc(Current.LastSeenNs),
            DnsNames = _names is null ? [] : [.. _names],
            PreExisting = PreExisting,
        };
    }

    private static unsafe void CopyComm(in FlowValueRaw from, ref FlowValueRaw to)
    {
        for (var i = 0; i < 16; i++)
        {
            to.Comm[i] = from.Comm[i];
        }
    }
}
