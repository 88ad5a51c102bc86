using System.Net;
using FluentAssertions;
using PolicyOperator.Sensor.Existing;
using Xunit;

namespace PolicyOperator.Agent.Tests.Existing;

public sealed class ProcNetTcpParserTests
{
    [Fact]
    public void Parses_ipv4_and_ipv6_lines_and_skips_the_header_and_garbage()
    {
        string[] lines =
        [
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0",
            "   1: 0200D50A:A2C4 0300D50A:1F90 01 00000000:00000000 02:000AFB83 00000000     0        0 67890 2 0000000000000000 20 4 30 10 -1",
            "   2: 000000000000000000000000000000000:0016 broken",
            "   3: 0000D0FD00001302000000000000000A:C350 0000D0FD000013020000000000000014:0035 01 00000000:00000000 00:00000000 00000000     0        0 555 1 0 20 4 30 10 -1",
        ];

        var entries = ProcNetTcpParser.Parse(lines).ToList();

        entries.Should().HaveCount(3);
        entries[0].Should().Be(new ProcNetTcpEntry(IPAddress.Loopback, 8080, IPAddress.Any, 0, ProcNetTcpParser.Listen, 12345));
        entries[1].Should().Be(new ProcNetTcpEntry(IPAddress.Parse("10.213.0.2"), 0xA2C4, IPAddress.Parse("10.213.0.3"), 8080, ProcNetTcpParser.Established, 67890));
        entries[2].Should().Be(new ProcNetTcpEntry(
            IPAddress.Parse("fdd0:0:213::a00:0"), 50000, IPAddress.Parse("fdd0:0:213::1400:0"), 53, ProcNetTcpParser.Established, 555));
    }

    [Fact]
    public void Ipv6_words_are_read_in_host_order()
    {
        // The kernel prints each 32-bit word of the address as a host-order number.
        var line = "   0: 000080FE00000000FF0A0000FE45EB5D:0050 00000000000000000000000001000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1";

        ProcNetTcpParser.TryParseLine(line, out var entry).Should().BeTrue();

        entry!.LocalAddress.Should().Be(IPAddress.Parse("fe80::aff:5deb:45fe"));
        entry.RemoteAddress.Should().Be(IPAddress.IPv6Loopback);
    }
}
