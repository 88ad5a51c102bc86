using FluentAssertions;
using PolicyOperator.Engine.Connectivity;
using PolicyOperator.Engine.Evaluation;
using Xunit;

namespace PolicyOperator.Engine.Tests.Evaluation;

public sealed class ConnectionSetTests
{
    [Fact]
    public void Port_sets_merge_adjacent_ranges_and_subtract()
    {
        var set = PortSet.Range(80, 80).Union(PortSet.Range(81, 90)).Union(PortSet.Range(443, 443));

        set.ToString().Should().Be("80-90,443");
        set.Subtract(PortSet.Range(85, 500)).ToString().Should().Be("80-84");
        set.Intersect(PortSet.Range(90, 443)).ToString().Should().Be("90,443");
        PortSet.All.Subtract(set).Union(set).IsAll.Should().BeTrue();
    }

    [Fact]
    public void Connection_sets_print_as_np_guard_does()
    {
        ConnectionSet.All.ToString().Should().Be("All Connections");
        ConnectionSet.None.ToString().Should().Be("No Connections");
        ConnectionSet.Of("UDP", PortSet.Range(10053, 10053)).Union(ConnectionSet.Of("TCP", PortSet.Range(10053, 10053))).ToString()
            .Should().Be("TCP 10053,UDP 10053");
        ConnectionSet.Of("TCP", PortSet.All).ToString().Should().Be("TCP 1-65535");
    }

    [Fact]
    public void External_ranges_split_the_address_space_at_every_block_edge()
    {
        var ranges = ExternalRanges.Split([IpRange.ParseCidr("0.0.0.0/0"), IpRange.ParseCidr("10.0.0.0/8"), IpRange.ParseCidr("172.21.0.0/16")]);

        ranges.Select(r => r.ToString()).Should().Equal(
            "0.0.0.0-9.255.255.255",
            "10.0.0.0-10.255.255.255",
            "11.0.0.0-172.20.255.255",
            "172.21.0.0-172.21.255.255",
            "172.22.0.0-255.255.255.255");
        ExternalRanges.Split([]).Select(r => r.ToString()).Should().Equal("0.0.0.0-255.255.255.255");
    }

    [Fact]
    public void Cidrs_with_host_bits_are_read_as_their_network()
    {
        IpRange.ParseCidr("10.1.2.3/8").ToString().Should().Be("10.0.0.0-10.255.255.255");
        IpRange.ParseCidr("2001:db8::1/126").ToString().Should().Be("2001:db8::-2001:db8::3");
    }
}
