using System.Buffers.Binary;
using System.Runtime.InteropServices;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Events;

namespace PolicyOperator.Sensor.Dns;

/// <summary>Turns a <c>dns_event</c> ring buffer record into a <see cref="DnsObservation"/>.</summary>
public static class DnsEventDecoder
{
    /// <summary>Decodes and parses; false with the reason when the record or the message is malformed.</summary>
    public static unsafe bool TryDecode(ReadOnlySpan<byte> record, KernelClock clock, out DnsObservation? observation, out string? error)
    {
        ArgumentNullException.ThrowIfNull(clock);
        observation = null;
        if (record.Length != sizeof(DnsEventRaw))
        {
            error = $"dns_event record of {record.Length} bytes, expected {sizeof(DnsEventRaw)}";
            return false;
        }

        var raw = MemoryMarshal.Read<DnsEventRaw>(record);
        var length = Math.Min((int)raw.Length, DnsEventRaw.MaxPayload);
        var payload = record.Slice((int)Marshal.OffsetOf<DnsEventRaw>(nameof(DnsEventRaw.Payload)), length);
        if (raw.Protocol == (byte)FlowProtocol.Tcp)
        {
            // DNS over TCP: a 2-byte length, then the message (the first segment holds it here).
            if (payload.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(payload) > payload.Length - 2)
            {
                error = $"TCP DNS segment of {payload.Length} bytes does not hold a whole message";
                return false;
            }

            payload = payload.Slice(2, BinaryPrimitives.ReadUInt16BigEndian(payload));
        }

        if (!DnsMessageParser.TryParse(payload, out var message, out error))
        {
            return false;
        }

        observation = new DnsObservation(
            raw.CgroupId,
            raw.NetnsInode,
            (int)raw.Pid,
            (FlowDirection)raw.Direction,
            (FlowProtocol)raw.Protocol,
            KernelAddress.ToIPAddress(raw.Family, new ReadOnlySpan<byte>(raw.LocalAddress, 16)),
            raw.LocalPort,
            KernelAddress.ToIPAddress(raw.Family, new ReadOnlySpan<byte>(raw.RemoteAddress, 16)),
            raw.RemotePort,
            clock.ToUtc(raw.TimestampNs),
            message!);
        return true;
    }
}
