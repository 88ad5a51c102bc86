using System.Net;

namespace PolicyOperator.Sensor.Dns;

/// <summary>A DNS message seen at a socket: where (cgroup, namespace, process), which way, and what.</summary>
public sealed record DnsObservation(
    ulong CgroupId,
    uint NetnsInode,
    int Pid,
    Aggregation.FlowDirection Direction,
    Aggregation.FlowProtocol Protocol,
    IPAddress LocalAddress,
    ushort LocalPort,
    IPAddress RemoteAddress,
    ushort RemotePort,
    DateTimeOffset Time,
    DnsMessage Message);
