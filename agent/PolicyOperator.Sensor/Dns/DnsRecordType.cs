namespace PolicyOperator.Sensor.Dns;

/// <summary>DNS record types the sensor reads (RFC 1035, RFC 3596).</summary>
public enum DnsRecordType : ushort
{
    /// <summary>IPv4 address.</summary>
    A = 1,

    /// <summary>Canonical name.</summary>
    Cname = 5,

    /// <summary>IPv6 address.</summary>
    Aaaa = 28,
}
