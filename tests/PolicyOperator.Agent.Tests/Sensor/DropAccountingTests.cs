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
}
