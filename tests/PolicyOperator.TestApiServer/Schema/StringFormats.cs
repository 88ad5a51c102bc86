using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PolicyOperator.Testing.ApiServer.Schema;

/// <summary>The OpenAPI string formats the Kubernetes API server checks; unknown formats pass, as there.</summary>
public static partial class StringFormats
{
    /// <summary>True when <paramref name="text"/> is valid in <paramref name="format"/>.</summary>
    public static bool IsValid(string format, string text) => format switch
    {
        "date-time" => DateTimePattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        "date" => DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "ipv4" => Ipv4Pattern().IsMatch(text) && IPAddress.TryParse(text, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork,
        "ipv6" => text.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6,
        "cidr" => IPNetwork.TryParse(text, out _),
        "duration" => DurationPattern().IsMatch(text),
        "byte" => IsBase64(text),
        _ => true,
    };

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex DurationPattern();
}
