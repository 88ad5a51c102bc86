using System.Net;
using FluentAssertions;
using PolicyOperator.Sensor.Dns;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Agent.Tests.Dns;

public sealed class DnsNameCacheTests
{
    private static readonly IPAddress Web = IPAddress.Parse("10.1.2.3");

    [Fact]
    public void Names_follow_the_cname_chain_and_expire_with_the_shortest_ttl_on_it()
    {
        var time = new ManualClock();
        var cache = new DnsNameCache(time);
        cache.Record(7, Parse(new DnsPacketBuilder()
            .Question("www.example.test", 1)
            .Cname("www.example.test", "web.example.test", 10)
            .Address("web.example.test", Web, 100)));

        cache.Lookup(7, Web).Should().Equal("web.example.test", "www.example.test");
        time.Advance(TimeSpan.FromSeconds(11));
        cache.Lookup(7, Web).Should().Equal("web.example.test");
        time.Advance(TimeSpan.FromSeconds(90));
        cache.Lookup(7, Web).Should().BeEmpty();
    }

    [Fact]
    public void Names_belong_to_the_namespace_that_resolved_them()
    {
        var cache = new DnsNameCache(new ManualClock());
        cache.Record(1, Parse(new DnsPacketBuilder().Question("a.test", 1).Address("a.test", Web, 60)));

        cache.Lookup(1, Web).Should().Equal("a.test");
        cache.Lookup(2, Web).Should().BeEmpty();
    }

    [Fact]
    public void Queries_and_error_responses_add_nothing()
    {
        var cache = new DnsNameCache(new ManualClock());
        cache.Record(1, Parse(new DnsPacketBuilder(response: false).Question("a.test", 1)));

        cache.Count.Should().Be(0);
        cache.Version.Should().Be(0);
    }

    private static DnsMessage Parse(DnsPacketBuilder builder)
    {
        DnsMessageParser.TryParse(builder.Build(), out var message, out var error).Should().BeTrue(error);
        return message!;
    }
}
