using FluentAssertions;
using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Loading;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Agent.Tests.Sensor;

public sealed class SensorIntrospectionTests
{
    [PrivilegedFact]
    public void Sensor_reports_its_programs_and_the_kernel_memory_of_its_maps_once_each()
    {
        PrivilegedEnvironment.Require();
        using var small = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false, FlowRingBufferBytes = 1 << 16 });
        using var large = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false, FlowRingBufferBytes = 1 << 22 });

        small.ProgramInfos().Select(p => p.Name).Should().Contain(["tcp_state_chang", "sock_create", "packet_egress", "packet_ingress"]);
        small.ProgramInfos().Should().OnlyContain(p => p.Id > 0);
        var difference = large.MapMemoryBytes() - small.MapMemoryBytes();
        difference.Should().BeInRange((1 << 22) - (1 << 16), (1 << 22) + (1 << 16), "only the flow ring buffer differs, and each shared map counts once");
    }
}
