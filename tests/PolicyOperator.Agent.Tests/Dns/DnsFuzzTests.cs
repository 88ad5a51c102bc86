using System.Diagnostics;
using System.Net;
using FluentAssertions;
using PolicyOperator.Sensor.Dns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Dns;

public sealed class DnsFuzzTests
{
    private const int Iterations = 1_000_000;

    [Fact]
    public void A_million_mutated_packets_never_throw_and_never_hang()
    {
        byte[][] seeds =
        [
            new DnsPacketBuilder().Question("www.example.test", 1).Cname("www.example.test", "web.example.test", 60)
                .Address("web.example.test", IPAddress.Parse("10.0.0.1"), 30).Address("web.example.test", IPAddress.Parse("fd00::1"), 30).Build(),
            new DnsPacketBuilder(response: false).Question("kubernetes.default.svc.cluster.local", 28).Build(),
            new DnsPacketBuilder { Compress = false }.Question("a.b.c.d.e.f", 1).Address("a.b.c.d.e.f", IPAddress.Parse("192.0.2.1"), 0).Build(),
        ];
        var random = new Random(20261121); // fixed: a failure can be replayed
        var buffer = new byte[600];
        long parsed = 0, refused = 0;
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < Iterations; i++)
        {
            var seed = seeds[i % seeds.Length];
            var length = Mutate(seed, buffer, random);
            if (DnsMessageParser.TryParse(buffer.AsSpan(0, length), out _, out var error))
            {
                parsed++;
            }
            else
            {
                error.Should().NotBeNull();
                refused++;
            }
        }

        (parsed + refused).Should().Be(Iterations);
        parsed.Should().BeGreaterThan(0, "some mutations leave a valid message");
        refused.Should().BeGreaterThan(0, "most mutations break the message");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(2), "a hang would show here (the run normally takes seconds)");
    }

    private static int Mutate(byte[] seed, byte[] buffer, Random random)
    {
        var length = seed.Length;
        seed.CopyTo(buffer, 0);
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations; m++)
        {
            switch (random.Next(6))
            {
                case 0: // flip a bit
                    buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // random byte
                    buffer[random.Next(length)] = (byte)random.Next(256);
                    break;
                case 2: // truncate
                    length = random.Next(length + 1);
                    if (length == 0)
                    {
                        return 0;
                    }

                    break;
                case 3: // compression pointer somewhere
                    var at = random.Next(length);
                    buffer[at] = (byte)(0xC0 | random.Next(4));
                    if (at + 1 < length)
                    {
                        buffer[at + 1] = (byte)random.Next(length);
                    }

                    break;
                case 4: // big counts
                    buffer[4 + (random.Next(4) * 2)] = (byte)random.Next(256);
                    break;
                default: // extend with garbage
                    var extra = random.Next(1, 40);
                    if (length + extra <= buffer.Length)
                    {
                        random.NextBytes(buffer.AsSpan(length, extra));
                        length += extra;
                    }

                    break;
            }
        }

        return length;
    }
}
