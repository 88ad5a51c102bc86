using System.Net;

namespace PolicyOperator.Sensor.Dns;

/// <summary>
/// An answer record: <see cref="Address"/> for A and AAAA, <see cref="Target"/> for CNAME; other
/// types keep only their owner name, type and TTL.
/// </summary>
public sealed record DnsAnswer(string Name, DnsRecordType Type, uint Ttl, IPAddress? Address, string? Target);
