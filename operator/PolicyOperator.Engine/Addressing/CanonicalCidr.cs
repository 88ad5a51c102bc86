using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PolicyOperator.Engine.Addressing;

/// <summary>
/// A CIDR in canonical form: host bits cleared, IPv4-mapped IPv6 addresses as IPv4, a bare address as
/// /32 or /128, printed the way Kubernetes prints it (<c>203.0.113.7/32</c>, <c>2001:db8::/64</c>).
/// Ordered IPv4 before IPv6, then by address, then by prefix length.
/// </summary>
public readonly record struct CanonicalCidr : IComparable<CanonicalCidr>
{
    private CanonicalCidr(IPAddress network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
    }

    public IPAddress Network { get; }

    public int PrefixLength { get; }

    public bool IsIPv6 => Network.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The number of bits of an address of this family.</summary>
    public int AddressBits => IsIPv6 ? 128 : 32;

    /// <summary>True for a single address (/32 or /128).</summary>
    public bool IsSingleAddress => PrefixLength == AddressBits;

    /// <summary>Parses <c>addr</c> or <c>addr/len</c>; false when it is neither.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CanonicalCidr? cidr)
    {
        cidr = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address))
        {
            return false;
        }

        var mapped = address.IsIPv4MappedToIPv6;
        address = mapped ? address.MapToIPv4() : address;
        var bits = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var length = bits;
        if (slash >= 0)
        {
            if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length))
            {
                return false;
            }

            length -= mapped ? 96 : 0;
            if (length < 0 || length > bits)
            {
                return false;
            }
        }

        cidr = new CanonicalCidr(Mask(address, length), length);
        return true;
    }

    /// <summary>Parses or throws a <see cref="FormatException"/> naming the text.</summary>
    public static CanonicalCidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr.Value : throw new FormatException($"not an IP address or CIDR: '{text}'");

    /// <summary>The single-address CIDR of an address.</summary>
    public static CanonicalCidr Of(IPAddress address)
    {
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return new CanonicalCidr(address, address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
    }

    /// <summary>The enclosing prefix of the given length (itself when already as wide or wider).</summary>
    public CanonicalCidr Widen(int prefixLength) =>
        prefixLength >= PrefixLength ? this : new CanonicalCidr(Mask(Network, prefixLength), prefixLength);

    /// <summary>True when the address lies inside this CIDR.</summary>
    public bool Contains(IPAddress address)
    {
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return address.AddressFamily == Network.AddressFamily && Mask(address, PrefixLength).Equals(Network);
    }

    public int CompareTo(CanonicalCidr other)
    {
        var byFamily = IsIPv6.CompareTo(other.IsIPv6);
        if (byFamily != 0)
        {
            return byFamily;
        }

        var byAddress = Network.GetAddressBytes().AsSpan().SequenceCompareTo(other.Network.GetAddressBytes());
        return byAddress != 0 ? byAddress : PrefixLength.CompareTo(other.PrefixLength);
    }

    public override string ToString() => $"{Network}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
