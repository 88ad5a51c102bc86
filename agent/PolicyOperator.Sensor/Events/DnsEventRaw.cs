using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Events;

/// <summary>Mirror of <c>struct dns_event</c>: a DNS message copied from a packet, bounded.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct DnsEventRaw
{
    /// <summary>The most payload bytes the kernel copies (FLOW_DNS_MAX).</summary>
    public const int MaxPayload = 512;

    /// <summary>CLOCK_MONOTONIC nanoseconds.</summary>
    public ulong TimestampNs;

    /// <summary>cgroup v2 id of the socket.</summary>
    public ulong CgroupId;

    /// <summary>Network namespace inode of the socket's creator (0 when unknown).</summary>
    public uint NetnsInode;

    /// <summary>Process id of the socket's creator (0 when unknown).</summary>
    public uint Pid;

    /// <summary>AF_INET or AF_INET6.</summary>
    public ushort Family;

    /// <summary>UDP (17) or TCP (6).</summary>
    public byte Protocol;

    /// <summary>FLOW_DIR_EGRESS: leaving the socket; FLOW_DIR_INGRESS: arriving at it.</summary>
    public byte Direction;

    /// <summary>Local port.</summary>
    public ushort LocalPort;

    /// <summary>Remote port.</summary>
    public ushort RemotePort;

    /// <summary>Local address.</summary>
    public fixed byte LocalAddress[16];

    /// <summary>Remote address.</summary>
    public fixed byte RemoteAddress[16];

    /// <summary>Bytes copied into <see cref="Payload"/>.</summary>
    public ushort Length;

    /// <summary>Payload length on the wire.</summary>
    public ushort Original;

    /// <summary>Padding.</summary>
    public uint Pad32;

    /// <summary>The message (UDP) or segment payload (TCP, with its 2-byte length prefix).</summary>
    public fixed byte Payload[MaxPayload];
}
