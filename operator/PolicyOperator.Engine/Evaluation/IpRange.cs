using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PolicyOperator.Engine.Evaluation;

/// <summary>
/// An inclusive range of addresses of one family (IPv4 or IPv6), as 128-bit numbers. A CIDR with
/// host bits set (<c>10.0.0.1/8</c>) is read as its network, as the API server's parser does.
/// </summary>
public readonly record struct IpRange(AddressFamily Family, UInt128 Start, UInt128 End)
{
    /// <summary>Every IPv4 address.</summary>
    public static IpRange AllIPv4 { get; } = new(AddressFamily.InterNetwork, 0, uint.MaxValue);

    /// <summary>Every IPv6 address.</summary>
    public static IpRange AllIPv6 { get; } = new(AddressFamily.InterNetworkV6, 0, UInt128.MaxValue);

    /// <summary>Parses <c>a.b.c.d/n</c> or <c>x::/n</c>.</summary>
    /// <exception cref="FormatException">Not a CIDR.</exception>
    public static IpRange ParseCidr(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var address)
            || !int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            throw new FormatException($"'{cidr}' is not a CIDR (address/prefix)");
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > bits)
        {
            throw new FormatException($"'{cidr}': prefix /{prefix} is longer than {bits} bits");
        }

        var value = ToNumber(address);
        var hostBits = bits - prefix;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        var start = value & ~hostMask;
        if (bits == 32)
        {
            start &= uint.MaxValue;
        }

        return new IpRange(address.AddressFamily, start, start | hostMask);
    }

    /// <summary>The single address.</summary>
    public static IpRange Of(IPAddress address)
    {
        var value = ToNumber(address);
        return new IpRange(Normalize(address).AddressFamily, value, value);
    }

    /// <summary>True when the address is in this range.</summary>
    public bool Contains(IPAddress address)
    {
        var normalized = Normalize(address);
        if (normalized.AddressFamily != Family)
        {
            return false;
        }

        var value = ToNumber(normalized);
        return value >= Start && value <= End;
    }

    /// <summary>The first address.</summary>
    public IPAddress First => FromNumber(Family, Start);

    /// <summary>The last address.</summary>
    public IPAddress Last => FromNumber(Family, End);

    /// <summary><c>first-last</c>, the form np-guard prints.</summary>
    public override string ToString() => $"{First}-{Last}";

    /// <summary>The address as a number (IPv4-mapped IPv6 addresses count as IPv4).</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        var normalized = Normalize(address);
        Span<byte> bytes = stackalloc byte[16];
        normalized.TryWriteBytes(bytes, out var written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The address of a number in a family.</summary>
    public static IPAddress FromNumber(AddressFamily family, UInt128 value)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var bytes4 = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes4, (uint)value);
            return new IPAddress(bytes4);
        }

        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
