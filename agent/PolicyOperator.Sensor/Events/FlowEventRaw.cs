using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Events;

/// <summary>Mirror of <c>struct flow_event</c>: one record on the <c>flow_events</c> ring buffer.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct FlowEventRaw
{
    /// <summary>FLOW_EVENT_NEW or FLOW_EVENT_UPDATE.</summary>
    public byte Kind;

    /// <summary>Padding.</summary>
    public fixed byte Pad[7];

    /// <summary>The flow.</summary>
    public FlowKeyRaw Key;

    /// <summary>Its cumulative counters.</summary>
    public FlowValueRaw Value;
}
