using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace PolicyOperator.Sensor.Dns;

/// <summary>
/// Parses DNS messages (RFC 1035): compression pointers, CNAME chains, A and AAAA answers, TTLs.
/// Malformed or truncated input returns false with the reason and offset; it never throws and
/// never loops (pointer jumps and name length are bounded).
/// </summary>
public static class DnsMessageParser
{
    private const int HeaderLength = 12;
    private const int MaxNameLength = 255;
    private const int MaxPointerJumps = 32;
    private const int MaxRecords = 256;
    private const ushort InternetClass = 1;

    /// <summary>Parses one message; on failure <paramref name="error"/> says what is wrong and where.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out DnsMessage? message, out string? error) =>
        TryParse(packet, prefixOnly: false, out message, out error);

    /// <summary>
    /// Parses the captured beginning of a longer message (DNS over TCP, where a response often exceeds
    /// one segment or the capture bound): the header and its one question must be whole; answers are read
    /// while they fit, and the result is marked <see cref="DnsMessage.Truncated"/>. A segment that does not
    /// look like the start of a query or response (opcode, one question of class IN) is refused, so that
    /// the middle of a message is never read as names and addresses.
    /// </summary>
    public static bool TryParsePrefix(ReadOnlySpan<byte> prefix, out DnsMessage? message, out string? error) =>
        TryParse(prefix, prefixOnly: true, out message, out error);

    private static bool TryParse(ReadOnlySpan<byte> packet, bool prefixOnly, out DnsMessage? message, out string? error)
    {
        message = null;
        if (packet.Length < HeaderLength)
        {
            error = $"truncated header: {packet.Length} of {HeaderLength} bytes";
            return false;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        int questionCount = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        int answerCount = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        if (questionCount + answerCount > MaxRecords)
        {
            error = $"implausible record counts: {questionCount} questions, {answerCount} answers";
            return false;
        }

        if (prefixOnly && (questionCount != 1 || (flags & 0x7800) != 0))
        {
            error = $"not the start of a DNS message: {questionCount} questions, opcode {(flags >> 11) & 0xF}";
            return false;
        }

        var offset = HeaderLength;
        var questions = new List<DnsQuestion>(questionCount);
        for (var i = 0; i < questionCount; i++)
        {
            if (!TryReadName(packet, ref offset, out var name, out error))
            {
                error = $"question {i}: {error}";
                return false;
            }

            if (offset + 4 > packet.Length)
            {
                error = $"question {i}: truncated type/class at offset {offset}";
                return false;
            }

            if (prefixOnly && BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]) != InternetClass)
            {
                error = $"not the start of a DNS message: question class {BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..])}";
                return false;
            }

            questions.Add(new DnsQuestion(name, (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(packet[offset..])));
            offset += 4;
        }

        var answers = new List<DnsAnswer>(answerCount);
        var truncated = false;
        for (var i = 0; i < answerCount; i++)
        {
            // A prefix ends somewhere inside a record: keep the answers before it.
            var start = offset;
            if (prefixOnly && !FitsWhole(packet, start))
            {
                truncated = true;
                break;
            }

            if (!TryReadName(packet, ref offset, out var name, out error))
            {
                error = $"answer {i}: {error}";
                return false;
            }

            if (offset + 10 > packet.Length)
            {
                error = $"answer {i}: truncated record header at offset {offset}";
                return false;
            }

            var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(packet[(offset + 4)..]);
            int dataLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 8)..]);
            offset += 10;
            if (offset + dataLength > packet.Length)
            {
                error = $"answer {i}: data of {dataLength} bytes at offset {offset} runs past the end ({packet.Length})";
                return false;
            }

            var data = packet.Slice(offset, dataLength);
            IPAddress? address = null;
            string? target = null;
            switch (type)
            {
                case DnsRecordType.A when dataLength == 4:
                case DnsRecordType.Aaaa when dataLength == 16:
                    address = new IPAddress(data);
                    break;
                case DnsRecordType.A:
                case DnsRecordType.Aaaa:
                    error = $"answer {i}: {type} record with {dataLength} bytes of data";
                    return false;
                case DnsRecordType.Cname:
                    var targetOffset = offset;
                    if (!TryReadName(packet, ref targetOffset, out var cname, out error) || targetOffset > offset + dataLength)
                    {
                        error = $"answer {i}: CNAME target: {error ?? "runs past its record"}";
                        return false;
                    }

                    target = cname;
                    break;
            }

            answers.Add(new DnsAnswer(name, type, ttl, address, target));
            offset += dataLength;
        }

        message = new DnsMessage
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(packet),
            IsResponse = (flags & 0x8000) != 0,
            ResponseCode = flags & 0x000F,
            Questions = questions,
            Answers = answers,
            Truncated = truncated || (prefixOnly && answers.Count < answerCount),
        };
        error = null;
        return true;
    }

    /// <summary>True when the record at <paramref name="offset"/> (name, header and data) lies wholly inside the packet.</summary>
    private static bool FitsWhole(ReadOnlySpan<byte> packet, int offset)
    {
        var position = offset;
        if (!TryReadName(packet, ref position, out _, out _) || position + 10 > packet.Length)
        {
            return false;
        }

        return position + 10 + BinaryPrimitives.ReadUInt16BigEndian(packet[(position + 8)..]) <= packet.Length;
    }

    /// <summary>
    /// Reads a possibly compressed name at <paramref name="offset"/>, advancing it past the name as
    /// written there (a pointer ends it).
    /// </summary>
    private static bool TryReadName(ReadOnlySpan<byte> packet, ref int offset, out string name, out string? error)
    {
        name = string.Empty;
        Span<byte> text = stackalloc byte[MaxNameLength + 1];
        var length = 0;
        var position = offset;
        var jumps = 0;
        var end = -1; // where the caller continues, fixed at the first pointer
        while (true)
        {
            if (position >= packet.Length)
            {
                error = $"name runs past the end at offset {position}";
                return false;
            }

            var labelLength = packet[position];
            if ((labelLength & 0xC0) == 0xC0)
            {
                if (position + 1 >= packet.Length)
                {
                    error = $"truncated compression pointer at offset {position}";
                    return false;
                }

                if (++jumps > MaxPointerJumps)
                {
                    error = $"too many compression pointers (a loop?) at offset {position}";
                    return false;
                }

                var target = ((labelLength & 0x3F) << 8) | packet[position + 1];
                if (end < 0)
                {
                    end = position + 2;
                }

                position = target;
                continue;
            }

            if ((labelLength & 0xC0) != 0)
            {
                error = $"unsupported label type 0x{labelLength:x2} at offset {position}";
                return false;
            }

            if (labelLength == 0)
            {
                offset = end >= 0 ? end : position + 1;
                name = length == 0 ? "." : Encoding.ASCII.GetString(text[..length]);
                error = null;
                return true;
            }

            if (position + 1 + labelLength > packet.Length)
            {
                error = $"label of {labelLength} bytes at offset {position} runs past the end";
                return false;
            }

            if (length + labelLength + 1 > MaxNameLength)
            {
                error = $"name longer than {MaxNameLength} bytes at offset {position}";
                return false;
            }

            if (length > 0)
            {
                text[length++] = (byte)'.';
            }

            foreach (var b in packet.Slice(position + 1, labelLength))
            {
                text[length++] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b is < 0x20 or > 0x7E ? (byte)'?' : b;
            }

            position += 1 + labelLength;
        }
    }
}
