using System.Net;
using FluentAssertions;
using PolicyOperator.Agent.Tests.Dns;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Dns;
using PolicyOperator.Sensor.Events;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Agent.Tests.Aggregation;

public sealed class FlowAggregatorTests
{
    private static readonly KernelClock Clock = new();

    [Fact]
    public void Applying_the_same_cumulative_observation_twice_counts_it_once()
    {
        var aggregator = new FlowAggregator();
        var key = Key(port: 80);
        aggregator.Apply(key, Value(firstSeen: 100, bytesSent: 10, connections: 1));
        aggregator.Apply(key, Value(firstSeen: 100, bytesSent: 30, connections: 2));
        aggregator.Apply(key, Value(firstSeen: 100, bytesSent: 30, connections: 2));
        aggregator.Apply(key, Value(firstSeen: 100, bytesSent: 20, connections: 2)); // late, out of order

        var flow = aggregator.Snapshot(Clock).Should().ContainSingle().Subject;
        flow.BytesSent.Should().Be(30);
        flow.Connections.Should().Be(2);
    }

    [Fact]
    public void A_new_kernel_entry_for_a_known_flow_adds_to_its_total()
    {
        var aggregator = new FlowAggregator();
        var key = Key(port: 80);
        aggregator.Apply(key, Value(firstSeen: 100, bytesSent: 30, connections: 2));
        aggregator.Apply(key, Value(firstSeen: 500, bytesSent: 5, connections: 1)); // after LRU eviction

        var flow = aggregator.Snapshot(Clock).Should().ContainSingle().Subject;
        flow.BytesSent.Should().Be(35);
        flow.Connections.Should().Be(3);
        flow.FirstSeen.Should().Be(Clock.ToUtc(100));
    }

    [Fact]
    public void A_connection_found_at_start_up_counts_beside_the_kernels_entry_in_either_order()
    {
        var first = new FlowAggregator();
        first.AddPreExisting(Key(port: 22), Value(firstSeen: 900, connections: 1));
        first.Apply(Key(port: 22), Value(firstSeen: 100, connections: 1, bytesSent: 7));
        first.Apply(Key(port: 22), Value(firstSeen: 100, connections: 2, bytesSent: 9));

        var second = new FlowAggregator();
        second.Apply(Key(port: 22), Value(firstSeen: 100, connections: 2, bytesSent: 9));
        second.AddPreExisting(Key(port: 22), Value(firstSeen: 900, connections: 1));

        foreach (var aggregator in new[] { first, second })
        {
            var flow = aggregator.Snapshot(Clock).Should().ContainSingle().Subject;
            flow.Connections.Should().Be(3);
            flow.BytesSent.Should().Be(9);
            flow.PreExisting.Should().BeTrue();
        }
    }

    [Fact]
    public void Closes_come_from_the_kernel_counters_and_distinct_keys_stay_apart()
    {
        var aggregator = new FlowAggregator();
        var closed = new FlowEventRaw { Kind = FlowNames.EventUpdate, Key = Key(port: 80), Value = Value(firstSeen: 1, connections: 1) with { Closes = 1 } };
        aggregator.Apply(closed);
        aggregator.Apply(closed);
        aggregator.Apply(Key(port: 443), Value(firstSeen: 1, connections: 1));

        var flows = aggregator.Snapshot(Clock);
        flows.Should().HaveCount(2);
        flows.Single(f => f.Key.Port == 80).Closes.Should().Be(1);
        flows.Single(f => f.Key.Port == 443).Closes.Should().Be(0);
        flows.Single(f => f.Key.Port == 80).Key.RemoteAddress.Should().Be(IPAddress.Parse("192.0.2.7"));
    }

    [Fact]
    public void A_flow_to_a_resolved_address_carries_the_names()
    {
        var names = new DnsNameCache(new ManualClock());
        DnsMessageParser.TryParse(
            new DnsPacketBuilder().Question("api.example.test", 1).Address("api.example.test", IPAddress.Parse("192.0.2.7"), 60).Build(),
            out var answer, out _).Should().BeTrue();
        names.Record(4026531840, answer!);
        var aggregator = new FlowAggregator(names);

        aggregator.Apply(Key(port: 443), Value(firstSeen: 1, connections: 1));

        aggregator.Snapshot(Clock).Single().DnsNames.Should().Equal("api.example.test");
    }

    internal static unsafe FlowKeyRaw Key(ushort port)
    {
        var key = new FlowKeyRaw
        {
            CgroupId = 42,
            NetnsInode = 4026531840,
            Family = FlowNames.AfInet,
            Protocol = (byte)FlowProtocol.Tcp,
            Direction = (byte)FlowDirection.Egress,
            Port = port,
        };
        key.LocalAddress[0] = 10;
        key.LocalAddress[3] = 1;
        key.RemoteAddress[0] = 192;
        key.RemoteAddress[2] = 2;
        key.RemoteAddress[3] = 7;
        return key;
    }

    internal static FlowValueRaw Value(ulong firstSeen, ulong connections, ulong bytesSent = 0) => new()
    {
        FirstSeenNs = firstSeen,
        LastSeenNs = firstSeen,
        Connections = connections,
        BytesSent = bytesSent,
        Pid = 1234,
        Tid = 1234,
    };
}
