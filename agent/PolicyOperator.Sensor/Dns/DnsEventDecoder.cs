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
        DnsMessage? message;
        if (raw.Protocol == (byte)FlowProtocol.Tcp)
        {
            // DNS over TCP: a 2-byte length, then the message. A long message spans segments or the
            // capture bound: its captured beginning is read for the answers that fit (segments are not joined).
            if (payload.Length < 2 + 12)
            {
                error = $"TCP DNS segment of {payload.Length} bytes holds no message header (a length prefix sent alone, or a later segment)";
                return false;
            }

            var declared = BinaryPrimitives.ReadUInt16BigEndian(payload);
            var parsed = declared <= payload.Length - 2
                ? DnsMessageParser.TryParse(payload.Slice(2, declared), out message, out error)
                : DnsMessageParser.TryParsePrefix(payload[2..], out message, out error);
            if (!parsed)
            {
                error = $"TCP DNS segment (message of {declared} bytes, {payload.Length - 2} captured): {error}";
                return false;
            }
        }
        else if (raw.Original > payload.Length)
        {
            // A UDP message longer than the capture bound (EDNS allows up to 64 KiB): its beginning.
            if (!DnsMessageParser.TryParsePrefix(payload, out message, out error))
            {
                error = $"UDP DNS message of {raw.Original} bytes, {payload.Length} captured: {error}";
                return false;
            }
        }
        else if (!DnsMessageParser.TryParse(payload, out message, out error))
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
