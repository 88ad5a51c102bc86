using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Events;

/// <summary>Mirror of <c>struct listener_value</c>: the process that listens.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct ListenerValueRaw
{
    /// <summary>Process id.</summary>
    public uint Pid;

    /// <summary>Thread id.</summary>
    public uint Tid;

    /// <summary>comm, NUL-padded.</summary>
    public fixed byte Comm[16];
}
