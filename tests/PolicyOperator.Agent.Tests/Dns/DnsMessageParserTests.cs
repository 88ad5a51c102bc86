using System.Net;
using FluentAssertions;
using PolicyOperator.Sensor.Dns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Dns;

public sealed class DnsMessageParserTests
{
    private static readonly IPAddress V4 = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress V6 = IPAddress.Parse("2001:db8::10");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parses_a_cname_chain_with_a_and_aaaa_answers_and_their_ttls(bool compress)
    {
        var packet = new DnsPacketBuilder { Compress = compress }
            .Question("www.Example.test", 1)
            .Cname("www.example.test", "edge.cdn.test", 60)
            .Cname("edge.cdn.test", "node7.cdn.test", 30)
            .Address("node7.cdn.test", V4, 20)
            .Address("node7.cdn.test", V6, 25)
            .Build();

        DnsMessageParser.TryParse(packet, out var message, out var error).Should().BeTrue(error);

        message!.Id.Should().Be(0x1234);
        message.IsResponse.Should().BeTrue();
        message.Questions.Should().Equal(new DnsQuestion("www.example.test", DnsRecordType.A));
        message.Answers.Should().Equal(
            new DnsAnswer("www.example.test", DnsRecordType.Cname, 60, null, "edge.cdn.test"),
            new DnsAnswer("edge.cdn.test", DnsRecordType.Cname, 30, null, "node7.cdn.test"),
            new DnsAnswer("node7.cdn.test", DnsRecordType.A, 20, V4, null),
            new DnsAnswer("node7.cdn.test", DnsRecordType.Aaaa, 25, V6, null));
    }

    [Fact]
    public void Compression_makes_the_packet_smaller_and_parses_the_same()
    {
        var compressed = new DnsPacketBuilder().Question("a.example.test", 1).Address("a.example.test", V4, 5).Build();
        var plain = new DnsPacketBuilder { Compress = false }.Question("a.example.test", 1).Address("a.example.test", V4, 5).Build();

        compressed.Length.Should().BeLessThan(plain.Length);
        DnsMessageParser.TryParse(compressed, out var a, out _).Should().BeTrue();
        DnsMessageParser.TryParse(plain, out var b, out _).Should().BeTrue();
        a!.Answers.Should().Equal(b!.Answers);
    }

    [Fact]
    public void Every_truncation_of_a_valid_message_is_refused_with_a_reason()
    {
        var packet = new DnsPacketBuilder().Question("a.example.test", 28).Address("a.example.test", V6, 5).Build();

        for (var length = 0; length < packet.Length; length++)
        {
            DnsMessageParser.TryParse(packet.AsSpan(0, length), out var message, out var error)
                .Should().BeFalse($"{length} of {packet.Length} bytes is truncated");
            message.Should().BeNull();
            error.Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public void A_compression_pointer_loop_is_refused_not_followed_forever()
    {
        var packet = new DnsPacketBuilder().Build();
        packet[5] = 1; // one question
        byte[] loop = [0xC0, 12, 0, 1, 0, 1]; // a name that points at itself
        var looped = packet.Concat(loop).ToArray();

        DnsMessageParser.TryParse(looped, out _, out var error).Should().BeFalse();
        error.Should().Contain("compression pointers");
    }

    [Fact]
    public void An_address_record_of_the_wrong_length_is_refused()
    {
        var packet = new DnsPacketBuilder().Question("a.test", 1).Address("a.test", V4, 5).Build();
        packet[^5] = 3; // rdlength 4 -> 3 (the packet then ends one byte later than the record)

        DnsMessageParser.TryParse(packet, out _, out var error).Should().BeFalse();
        error.Should().Contain("answer 0");
    }

    [Fact]
    public void The_captured_beginning_of_a_long_response_gives_the_answers_that_fit_and_is_marked_truncated()
    {
        var packet = LongResponse(60);
        packet.Length.Should().BeGreaterThan(512);

        DnsMessageParser.TryParsePrefix(packet.AsSpan(0, 512), out var message, out var error).Should().BeTrue(error);

        message!.Truncated.Should().BeTrue();
        message.Questions.Should().ContainSingle().Which.Name.Should().Be("many.example.test");
        message.Answers.Should().NotBeEmpty().And.HaveCountLessThan(60);
        message.Answers.Select(a => a.Address).Should().Equal(Enumerable.Range(0, message.Answers.Count).Select(Address));
    }

    [Fact]
    public void Every_cut_of_a_long_response_keeps_only_whole_answers_in_order()
    {
        var packet = LongResponse(20);
        DnsMessageParser.TryParse(packet, out var whole, out _).Should().BeTrue();
        var questionEnd = 12 + "many.example.test".Length + 2 + 4;

        for (var length = questionEnd; length <= packet.Length; length++)
        {
            DnsMessageParser.TryParsePrefix(packet.AsSpan(0, length), out var message, out var error).Should().BeTrue($"{length} bytes: {error}");
            message!.Answers.Should().Equal(whole!.Answers.Take(message.Answers.Count), $"a cut at {length} keeps a prefix of the answers");
            message.Truncated.Should().Be(message.Answers.Count < 20);
        }
    }

    [Fact]
    public void The_middle_of_a_message_is_never_read_as_the_start_of_one()
    {
        var packet = LongResponse(60);

        for (var start = 1; start < packet.Length - 12; start++)
        {
            if (DnsMessageParser.TryParsePrefix(packet.AsSpan(start), out var message, out _))
            {
                message!.Answers.Should().BeEmpty($"bytes from offset {start} are not a message: no addresses may come of them");
            }
        }
    }

    private static IPAddress Address(int i) => new([198, 51, 100, (byte)i]);

    private static byte[] LongResponse(int answers)
    {
        var builder = new DnsPacketBuilder().Question("many.example.test", 1);
        for (var i = 0; i < answers; i++)
        {
            builder.Address("many.example.test", Address(i), 30);
        }

        return builder.Build();
    }
}
