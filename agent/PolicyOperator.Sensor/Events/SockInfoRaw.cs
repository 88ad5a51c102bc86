using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Events;

/// <summary>Mirror of <c>struct sock_info</c>: an open TCP socket's flow and owner (map <c>sockets</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct SockInfoRaw
{
    /// <summary>The flow the socket counts into.</summary>
    public FlowKeyRaw Key;

    /// <summary>Process id.</summary>
    public uint Pid;

    /// <summary>Thread id.</summary>
    public uint Tid;

    /// <summary>comm, NUL-padded.</summary>
    public fixed byte Comm[16];

    /// <summary>When the socket was seen first.</summary>
    public ulong StartNs;

    /// <summary>SOCK_BYTES_COUNTED and future flags.</summary>
    public uint Flags;

    /// <summary>Padding.</summary>
    public uint Pad32;
}
