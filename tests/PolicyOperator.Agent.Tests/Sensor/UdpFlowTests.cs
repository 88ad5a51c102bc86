using FluentAssertions;
using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Loading;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Sensor;

public sealed class UdpFlowTests
{
    [PrivilegedTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Udp_request_and_response_above_1024_take_their_direction_from_the_first_packet(bool ipv6)
    {
        PrivilegedEnvironment.Require();
        const int Port = 9999;
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var server = await cluster.AddPodAsync("server");
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false });
        var serverAddress = ipv6 ? server.IPv6 : server.IPv4;
        var clientAddress = ipv6 ? client.IPv6 : client.IPv4;

        using var responder = server.Start("socat", ipv6 ? $"UDP6-LISTEN:{Port}" : $"UDP-LISTEN:{Port}", "EXEC:cat");
        await server.WaitForListenerAsync(Port, udp: true);
        using var requester = client.Start(["socat", "-t", "1", "-", ipv6 ? $"UDP6:[{serverAddress}]:{Port}" : $"UDP:{serverAddress}:{Port}"], redirectInput: true);
        await requester.Input.WriteAsync("ping\n");
        await requester.Input.FlushAsync();
        requester.Input.Close();
        (await requester.WaitAsync()).Stdout.Should().Be("ping\n");

        var flows = await sensor.WaitForFlowsAsync(
            f => f.Key.Protocol == FlowProtocol.Udp && (f.Key.CgroupId == client.CgroupId || f.Key.CgroupId == server.CgroupId),
            fs => fs.Count(f => f.PacketsSent >= 1 && f.PacketsReceived >= 1) == 2);

        var request = flows.Should().ContainSingle(f => f.Key.CgroupId == client.CgroupId).Subject;
        request.Key.Should().Be(new FlowKey(client.CgroupId, client.NetnsInode, FlowDirection.Egress, FlowProtocol.Udp, clientAddress, serverAddress, Port));
        request.Pid.Should().Be(requester.Pid);
        request.Comm.Should().Be("socat");
        request.BytesSent.Should().Be(5);
        request.BytesReceived.Should().Be(5);
        request.Connections.Should().Be(1);

        var response = flows.Should().ContainSingle(f => f.Key.CgroupId == server.CgroupId).Subject;
        response.Key.Should().Be(new FlowKey(server.CgroupId, server.NetnsInode, FlowDirection.Ingress, FlowProtocol.Udp, serverAddress, clientAddress, Port));
        response.Pid.Should().Be(responder.Pid);
        response.PacketsReceived.Should().Be(1);
        response.PacketsSent.Should().Be(1);
    }

    [PrivilegedFact]
    public async Task A_udp_server_started_before_the_sensor_is_a_responder_named_by_its_first_reply()
    {
        PrivilegedEnvironment.Require();
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var dns = await cluster.AddPodAsync("coredns", "kube-system");
        using var server = await DnsServer.StartAsync(dns, new Dictionary<string, IReadOnlyList<System.Net.IPAddress>> { ["api.example.test"] = [System.Net.IPAddress.Parse("192.0.2.7")] });
        client.UseNameServer(dns.IPv4);
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false });

        (await client.RunAsync(["getent", "ahostsv4", "api.example.test"])).Stdout.Should().Contain("192.0.2.7");

        var flows = await sensor.WaitForFlowsAsync(
            f => f.Key.Protocol == FlowProtocol.Udp && f.Key.CgroupId == dns.CgroupId,
            fs => fs.Any(f => f.PacketsSent >= 1 && f.PacketsReceived >= 1));

        flows.Should().OnlyContain(f => f.Key.Direction == FlowDirection.Ingress && f.Key.Port == 53,
            "the server's socket existed before the sensor: its first packet seen is a query, so it is the responder, and its replies are not egress to the client's port");
        var answered = flows.Should().ContainSingle(f => f.PacketsSent >= 1).Subject;
        answered.Comm.Should().Be("dnsmasq", "the first reply is sent in the server's own context");
        answered.Key.NetnsInode.Should().Be(dns.NetnsInode);
        answered.Key.RemoteAddress.Should().Be(client.IPv4);
    }
}
