using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace PolicyOperator.Sensor.Events;

/// <summary>Turns the kernel's fixed-size address and name fields into .NET values.</summary>
public static class KernelAddress
{
    /// <summary>An address from a 16-byte field (IPv4 in the first 4 bytes).</summary>
    public static IPAddress ToIPAddress(ushort family, ReadOnlySpan<byte> field) =>
        family == FlowNames.AfInet ? new IPAddress(field[..4]) : new IPAddress(field[..16]);

    /// <summary>The 16-byte field as one number, for allocation-free table keys.</summary>
    public static UInt128 ToNumber(ReadOnlySpan<byte> field) => BinaryPrimitives.ReadUInt128BigEndian(field[..16]);

    /// <summary>An address as the 16-byte field the kernel would write.</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> field = stackalloc byte[16];
        field.Clear();
        var bytes = address.GetAddressBytes();
        bytes.CopyTo(field);
        return ToNumber(field);
    }

    /// <summary>A NUL-padded comm.</summary>
    public static string ToComm(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }
}
