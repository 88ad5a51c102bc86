using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace PolicyOperator.Sensor.Existing;

/// <summary>Parses /proc/net/tcp and /proc/net/tcp6 lines (one namespace's TCP sockets).</summary>
public static class ProcNetTcpParser
{
    /// <summary>TCP_ESTABLISHED in /proc/net/tcp's "st" column.</summary>
    public const int Established = 0x01;

    /// <summary>TCP_LISTEN.</summary>
    public const int Listen = 0x0A;

    /// <summary>Every well-formed socket line; the header and malformed lines are skipped.</summary>
    public static IEnumerable<ProcNetTcpEntry> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            if (TryParseLine(line, out var entry))
            {
                yield return entry!;
            }
        }
    }

    /// <summary>One line: "sl local rem st tx:rx tr:when retr uid timeout inode ...".</summary>
    public static bool TryParseLine(string line, out ProcNetTcpEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(line);
        entry = null;
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 10 || !fields[0].EndsWith(':'))
        {
            return false;
        }

        if (!TryParseEndpoint(fields[1], out var local, out var localPort) ||
            !TryParseEndpoint(fields[2], out var remote, out var remotePort) ||
            !int.TryParse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var state) ||
            !ulong.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            return false;
        }

        entry = new ProcNetTcpEntry(local!, localPort, remote!, remotePort, state, inode);
        return true;
    }

    /// <summary>"0100007F:1F90": the address as the kernel's 32-bit words in host order, the port in hex.</summary>
    private static bool TryParseEndpoint(string text, out IPAddress? address, out ushort port)
    {
        address = null;
        port = 0;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is not (8 or 32) ||
            !ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[colon / 2];
        for (var word = 0; word < colon / 8; word++)
        {
            if (!uint.TryParse(text.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(bytes[(word * 4)..], value);
        }

        address = new IPAddress(bytes);
        return true;
    }
}
