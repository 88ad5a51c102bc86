using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Events;

/// <summary>Reads a <c>flow_event</c> ring buffer record; a record of the wrong size is refused, not guessed at.</summary>
public static class FlowEventDecoder
{
    /// <summary>The record's size in bytes.</summary>
    public static readonly int RecordSize = Marshal.SizeOf<FlowEventRaw>();

    /// <summary>False when the record does not have the struct's size or an unknown kind.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> record, out FlowEventRaw flowEvent)
    {
        if (record.Length != RecordSize)
        {
            flowEvent = default;
            return false;
        }

        flowEvent = MemoryMarshal.Read<FlowEventRaw>(record);
        return flowEvent.Kind is FlowNames.EventNew or FlowNames.EventUpdate;
    }
}
