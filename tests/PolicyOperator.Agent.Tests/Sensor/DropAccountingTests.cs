using FluentAssertions;
using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Loading;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Sensor;

public sealed class DropAccountingTests
{
    [PrivilegedFact]
    public async Task A_full_ring_buffer_moves_the_drop_counter_and_the_flow_map_still_holds_every_flow()
    {
        PrivilegedEnvironment.Require();
        const int FlowCount = 200;
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var server = await cluster.AddPodAsync("server");
        // One page of ring buffer holds about 25 flow events; nobody reads it while the flows start.
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false, FlowRingBufferBytes = 4096 });
        var before = sensor.ReadDrops();

        var send = await client.RunAsync(
            ["bash", "-c", $"for p in $(seq 20000 {20000 + FlowCount - 1}); do echo x > /dev/udp/{server.IPv4}/$p; done"]);
        send.ExitCode.Should().Be(0, send.Stderr);

        var after = sensor.ReadDrops();
        (after.FlowRingBufferFull - before.FlowRingBufferFull).Should().BeGreaterThan(0, "the ring buffer overflowed");
        after.FlowMapFull.Should().Be(before.FlowMapFull);

        sensor.Poll(TimeSpan.Zero);
        sensor.Sweep(); // what the ring buffer could not carry is in the flow map
        var seen = sensor.Flows().Where(f => f.Key.CgroupId == client.CgroupId && f.Key.Protocol == FlowProtocol.Udp).ToList();
        seen.Should().HaveCount(FlowCount);
        seen.Should().OnlyContain(f => f.PacketsSent == 1 && f.BytesSent == 2 && f.Comm == "bash");
    }

    [PrivilegedFact]
    public async Task A_full_dns_ring_buffer_moves_its_drop_counter()
    {
        PrivilegedEnvironment.Require();
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var dns = await cluster.AddPodAsync("dns");
        // One page holds 6 DNS records of 592 bytes; 40 queries go unread.
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false, DnsRingBufferBytes = 4096 });
        var before = sensor.ReadDrops();

        var query = "\\x12\\x34\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x01a\\x04test\\x00\\x00\\x01\\x00\\x01";
        var send = await client.RunAsync(["bash", "-c", $"for i in $(seq 40); do printf '{query}' > /dev/udp/{dns.IPv4}/53; done"]);
        send.ExitCode.Should().Be(0, send.Stderr);

        (sensor.ReadDrops().DnsRingBufferFull - before.DnsRingBufferFull).Should().BeGreaterThan(0);
        sensor.Poll(TimeSpan.Zero);
        var seen = sensor.RecentDns().Where(d => d.CgroupId == client.CgroupId).ToList();
        seen.Should().NotBeEmpty().And.HaveCountLessThan(40);
        seen.Should().OnlyContain(d => d.Message.Questions.Single().Name == "a.test");
    }

    [PrivilegedFact]
    public async Task Flows_evicted_from_a_full_flow_map_are_counted()
    {
        PrivilegedEnvironment.Require();
        const int FlowCount = 300;
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var server = await cluster.AddPodAsync("server");
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false, FlowMapEntries = 64 });
        var before = sensor.ReadDrops();

        var send = await client.RunAsync(
            ["bash", "-c", $"for p in $(seq 20000 {20000 + FlowCount - 1}); do echo x > /dev/udp/{server.IPv4}/$p; done"]);
        send.ExitCode.Should().Be(0, send.Stderr);

        var evicted = sensor.ReadDrops().FlowMapEvictions - before.FlowMapEvictions;
        evicted.Should().BeGreaterThanOrEqualTo(FlowCount - 64, "at most 64 flows fit");
        sensor.Poll(TimeSpan.Zero);
        sensor.Flows().Count(f => f.Key.CgroupId == client.CgroupId).Should().Be(FlowCount, "each flow was reported when it was new");
    }
}
