using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace PolicyOperator.Engine.Reporting;

/// <summary>Parsing and containment of addresses and CIDRs as the reports compare them.</summary>
internal static class NetworkAddresses
{
    /// <summary>Parses <c>addr</c> or <c>addr/len</c>, clearing host bits; false when it is neither.</summary>
    public static bool TryParseNetwork(string? text, [NotNullWhen(true)] out IPNetwork? network)
    {
        network = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return false;
        }

        network = new IPNetwork(Mask(address, prefix), prefix);
        return true;
    }

    /// <summary>True when <paramref name="cidr"/> parses and contains <paramref name="address"/>.</summary>
    public static bool Contains(string cidr, string address) =>
        TryParseNetwork(cidr, out var network) && TryParseNetwork(address, out var single) && Contains(network.Value, single.Value);

    /// <summary>True when <paramref name="inner"/> lies wholly inside <paramref name="outer"/>.</summary>
    public static bool Contains(IPNetwork outer, IPNetwork inner) =>
        inner.PrefixLength >= outer.PrefixLength && outer.Contains(inner.BaseAddress);

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
