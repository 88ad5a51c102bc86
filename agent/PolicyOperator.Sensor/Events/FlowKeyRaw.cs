using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Events;

/// <summary>
/// Mirror of <c>struct flow_key</c> (bpf/include/flow.h): the in-kernel aggregation key. Compared
/// byte for byte, so it can key user-space tables without decoding.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct FlowKeyRaw : IEquatable<FlowKeyRaw>
{
    /// <summary>cgroup v2 id of the socket's owner.</summary>
    public ulong CgroupId;

    /// <summary>Inode of the socket's network namespace.</summary>
    public uint NetnsInode;

    /// <summary>AF_INET (2) or AF_INET6 (10).</summary>
    public ushort Family;

    /// <summary>IP protocol number.</summary>
    public byte Protocol;

    /// <summary>FLOW_DIR_EGRESS (1) or FLOW_DIR_INGRESS (2).</summary>
    public byte Direction;

    /// <summary>Local address (IPv4 in the first 4 bytes).</summary>
    public fixed byte LocalAddress[16];

    /// <summary>Remote address (IPv4 in the first 4 bytes).</summary>
    public fixed byte RemoteAddress[16];

    /// <summary>The service port: remote for egress, local for ingress.</summary>
    public ushort Port;

    /// <summary>Padding (zero).</summary>
    public ushort Pad16;

    /// <summary>Padding (zero).</summary>
    public uint Pad32;

    /// <inheritdoc />
    public readonly bool Equals(FlowKeyRaw other) => AsBytes(in this).SequenceEqual(AsBytes(in other));

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is FlowKeyRaw other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode()
    {
        // Seven 64-bit words, multiplied through: several times cheaper than HashCode.AddBytes.
        var hash = 0UL;
        foreach (var word in MemoryMarshal.Cast<byte, ulong>(AsBytes(in this)))
        {
            hash = (hash ^ word) * 0x9E3779B97F4A7C15UL;
        }

        return (int)(hash ^ (hash >> 32));
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(FlowKeyRaw left, FlowKeyRaw right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(FlowKeyRaw left, FlowKeyRaw right) => !left.Equals(right);

    private static ReadOnlySpan<byte> AsBytes(in FlowKeyRaw key) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<FlowKeyRaw>(in key));
}
