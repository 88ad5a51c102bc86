namespace PolicyOperator.Ingest.Traffic;

/// <summary>What a sensor measured of one flow, as totals over its lifetime.</summary>
/// <param name="Connections">TCP connections, or UDP sockets.</param>
/// <param name="BytesSent">Payload bytes the workload sent.</param>
/// <param name="BytesReceived">Payload bytes the workload received.</param>
/// <param name="FirstSeen">The first observation.</param>
/// <param name="LastSeen">The last observation.</param>
public sealed record FlowCounts(long Connections, long BytesSent, long BytesReceived, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
