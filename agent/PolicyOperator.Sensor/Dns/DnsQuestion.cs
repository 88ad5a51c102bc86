namespace PolicyOperator.Sensor.Dns;

/// <summary>A question: the name asked for (lower case, no trailing dot) and the record type.</summary>
public sealed record DnsQuestion(string Name, DnsRecordType Type);
