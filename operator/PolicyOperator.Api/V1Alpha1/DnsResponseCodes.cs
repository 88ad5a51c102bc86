using System.Globalization;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>
/// The names <see cref="DnsQueryRecord.Responses"/> counts responses under: RFC 1035's mnemonics for
/// the common response codes, <c>RCODEn</c> for the others.
/// </summary>
public static class DnsResponseCodes
{
    private static readonly string[] Names = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"];

    /// <summary>The name of response code <paramref name="code"/> (3: NXDOMAIN, 9: RCODE9).</summary>
    public static string Name(int code) =>
        code >= 0 && code < Names.Length ? Names[code] : "RCODE" + code.ToString(CultureInfo.InvariantCulture);
}
