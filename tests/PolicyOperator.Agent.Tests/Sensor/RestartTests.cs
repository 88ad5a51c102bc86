using FluentAssertions;
using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Loading;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Sensor;

public sealed class RestartTests
{
    [PrivilegedFact]
    public async Task A_restarted_sensor_takes_over_pinned_counts_and_open_sockets_without_counting_twice()
    {
        PrivilegedEnvironment.Require();
        const int Port = 7171;
        var pins = Path.Combine("/sys/fs/bpf", $"policyoperator-test-{Guid.NewGuid():N}");
        var options = new SensorOptions { PinDirectory = pins, ScanExistingConnections = false };
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var server = await cluster.AddPodAsync("server");
        try
        {
            using var listener = server.Start("socat", $"TCP-LISTEN:{Port},reuseaddr", "EXEC:cat");
            await server.WaitForListenerAsync(Port);
            PodProcess connector;
            DateTimeOffset firstSeen;
            using (var first = FlowSensor.Start(options))
            {
                // connect after the first sensor started: it sees the connection open
                connector = client.Start(["socat", "-", $"TCP:{server.IPv4}:{Port}"], redirectInput: true);
                await connector.Input.WriteAsync("before restart\n");
                await connector.Input.FlushAsync();
                var seen = await first.WaitForFlowsAsync(f => f.Key.CgroupId == client.CgroupId, fs => fs.Count == 1);
                firstSeen = seen[0].FirstSeen;
            }

            File.Exists(Path.Combine(pins, "flows")).Should().BeTrue("the flow map stays pinned after the sensor stops");

            using var connectorOwner = connector;
            using var second = FlowSensor.Start(options);
            second.Flows().Should().Contain(f => f.Key.CgroupId == client.CgroupId && f.Connections == 1, "the pinned counts are read at start");
            await connector.Input.WriteAsync("after restart\n");
            connector.Input.Close();
            await connector.WaitAsync();

            var flows = await second.WaitForFlowsAsync(f => f.Key.CgroupId == client.CgroupId, fs => fs.Any(f => f.Closes == 1));
            var flow = flows.Should().ContainSingle().Subject;
            flow.Connections.Should().Be(1, "the connection is counted once across the restart");
            flow.BytesSent.Should().Be((ulong)("before restart\n".Length + "after restart\n".Length), "the socket opened before the restart closes with all its bytes");
            flow.FirstSeen.Should().BeCloseTo(firstSeen, TimeSpan.FromMilliseconds(50), "the kernel entry from before the restart is kept (each sensor maps kernel time to wall time itself)");
            flow.Pid.Should().Be(connector.Pid);
        }
        finally
        {
            FlowSensor.RemovePins(pins);
        }
    }
}
