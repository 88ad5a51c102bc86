using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Events;

/// <summary>Mirror of <c>struct flow_value</c>: cumulative counters since <see cref="FirstSeenNs"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct FlowValueRaw
{
    /// <summary>CLOCK_MONOTONIC nanoseconds of the first observation.</summary>
    public ulong FirstSeenNs;

    /// <summary>CLOCK_MONOTONIC nanoseconds of the last observation.</summary>
    public ulong LastSeenNs;

    /// <summary>When the kernel last put this flow on the ring buffer.</summary>
    public ulong LastReportNs;

    /// <summary>Payload bytes sent by the socket's owner.</summary>
    public ulong BytesSent;

    /// <summary>Payload bytes received.</summary>
    public ulong BytesReceived;

    /// <summary>Packets (TCP data segments) sent.</summary>
    public ulong PacketsSent;

    /// <summary>Packets (TCP data segments) received.</summary>
    public ulong PacketsReceived;

    /// <summary>Connections (TCP) or sockets (UDP) that started the flow.</summary>
    public ulong Connections;

    /// <summary>TCP connections of the flow that closed (their bytes are counted).</summary>
    public ulong Closes;

    /// <summary>Thread group id (the process id) of the first process seen.</summary>
    public uint Pid;

    /// <summary>Thread id.</summary>
    public uint Tid;

    /// <summary>The task's comm, NUL-padded.</summary>
    public fixed byte Comm[16];
}
