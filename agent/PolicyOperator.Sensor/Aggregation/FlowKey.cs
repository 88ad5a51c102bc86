using System.Net;
using PolicyOperator.Sensor.Events;

namespace PolicyOperator.Sensor.Aggregation;

/// <summary>
/// A flow as the sensor aggregates it: one socket owner (cgroup, network namespace) talking to one
/// peer on one service port (remote for egress, local for ingress) in one direction.
/// </summary>
public readonly record struct FlowKey(
    ulong CgroupId,
    uint NetnsInode,
    FlowDirection Direction,
    FlowProtocol Protocol,
    IPAddress LocalAddress,
    IPAddress RemoteAddress,
    ushort Port)
{
    /// <summary>Decodes the kernel key.</summary>
    public static unsafe FlowKey FromRaw(in FlowKeyRaw raw)
    {
        fixed (byte* local = raw.LocalAddress)
        fixed (byte* remote = raw.RemoteAddress)
        {
            return new FlowKey(
                raw.CgroupId,
                raw.NetnsInode,
                (FlowDirection)raw.Direction,
                (FlowProtocol)raw.Protocol,
                KernelAddress.ToIPAddress(raw.Family, new ReadOnlySpan<byte>(local, 16)),
                KernelAddress.ToIPAddress(raw.Family, new ReadOnlySpan<byte>(remote, 16)),
                raw.Port);
        }
    }
}
