using System.Net;
using System.Text.Json;
using FluentAssertions;
using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Hooks;
using PolicyOperator.Sensor.Loading;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Sensor;

public sealed class TcpFlowTests
{
    private const int Port = 8080;
    private const int Payload = 1000;

    // Both flavours of the state tracepoint: tp_btf (the first choice) and the classic one (the
    // fallback where the kernel refuses tp_btf) must record the same flows.
    [PrivilegedTheory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public async Task Tcp_connection_between_pods_is_attributed_on_both_ends_with_bytes_at_close(bool ipv6, bool btfTracepoint)
    {
        PrivilegedEnvironment.Require();
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var server = await cluster.AddPodAsync("server");
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false, PreferBtfTracepoint = btfTracepoint });
        sensor.Hooks.IsActive((btfTracepoint ? TcpStateHooks.Btf : TcpStateHooks.Classic).Hook).Should().BeTrue();
        var serverAddress = ipv6 ? server.IPv6 : server.IPv4;
        var clientAddress = ipv6 ? client.IPv6 : client.IPv4;

        using var listener = server.Start("socat", ipv6 ? $"TCP6-LISTEN:{Port},reuseaddr" : $"TCP-LISTEN:{Port},reuseaddr", "EXEC:cat");
        await server.WaitForListenerAsync(Port);
        using var connector = client.Start(["socat", "-", ipv6 ? $"TCP6:[{serverAddress}]:{Port}" : $"TCP:{serverAddress}:{Port}"], redirectInput: true);
        await connector.Input.WriteAsync(new string('x', Payload));
        connector.Input.Close();
        (await connector.WaitAsync()).Stdout.Should().HaveLength(Payload, "the server echoes what it receives");

        var flows = await sensor.WaitForFlowsAsync(
            f => f.Key.CgroupId == client.CgroupId || f.Key.CgroupId == server.CgroupId,
            fs => fs.Count(f => f.Closes >= 1) == 2);

        var egress = flows.Should().ContainSingle(f => f.Key.Direction == FlowDirection.Egress).Subject;
        egress.Key.Should().Be(new FlowKey(client.CgroupId, client.NetnsInode, FlowDirection.Egress, FlowProtocol.Tcp, clientAddress, serverAddress, Port));
        egress.Pid.Should().Be(connector.Pid);
        egress.Comm.Should().Be("socat");
        egress.Connections.Should().Be(1);
        egress.BytesSent.Should().Be(Payload);
        egress.BytesReceived.Should().Be(Payload);

        var ingress = flows.Should().ContainSingle(f => f.Key.Direction == FlowDirection.Ingress).Subject;
        ingress.Key.Should().Be(new FlowKey(server.CgroupId, server.NetnsInode, FlowDirection.Ingress, FlowProtocol.Tcp, serverAddress, clientAddress, Port));
        ingress.Pid.Should().Be(listener.Pid, "the accepting socket's process is the one that listens");
        ingress.Comm.Should().Be("socat");
        ingress.Connections.Should().Be(1);
        ingress.BytesReceived.Should().Be(Payload);
        ingress.BytesSent.Should().Be(Payload);
        ingress.FirstSeen.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        sensor.ReadDrops().KernelTotal.Should().Be(0);
    }

    // An IPv6 socket connecting to an IPv4-mapped address has no IPv6 source yet when connect()
    // changes its state; the flow must still be one, counted at establishment and closed with bytes.
    [PrivilegedFact]
    public async Task An_ipv6_socket_connecting_to_an_ipv4_mapped_address_is_one_flow_from_connect_to_close()
    {
        PrivilegedEnvironment.Require();
        using var pods = await EchoPods.StartAsync(listen: "TCP4-LISTEN");
        var (client, server, sensor) = (pods.Client, pods.Server, pods.Sensor);

        var mapped = server.IPv4.MapToIPv6();
        for (var i = 0; i < 2; i++)
        {
            await pods.EchoAsync("mapped", $"TCP6:[{mapped}]:{Port}");
        }

        var flows = await sensor.WaitForFlowsAsync(
            f => f.Key.CgroupId == client.CgroupId && f.Key.Protocol == FlowProtocol.Tcp,
            fs => fs.Sum(f => (long)f.Closes) >= 2);
        var flow = flows.Should().ContainSingle().Subject;
        flow.Key.Should().Be(new FlowKey(client.CgroupId, client.NetnsInode, FlowDirection.Egress, FlowProtocol.Tcp, client.IPv4.MapToIPv6(), mapped, Port));
        flow.Connections.Should().Be(2);
        flow.Closes.Should().Be(2);
        flow.BytesSent.Should().Be(2 * (ulong)"mapped\n".Length);
        flow.Comm.Should().Be("socat");
    }

    // A server bound to port 0 (the kernel picks the port) gives the port back before its close is
    // seen; its entry must still go, or the listener map fills up with ports nobody listens on.
    [PrivilegedFact]
    public async Task A_port_that_stops_listening_leaves_the_kernels_listener_map()
    {
        PrivilegedEnvironment.Require();
        var pins = Path.Combine("/sys/fs/bpf", $"policyoperator-test-{Guid.NewGuid():N}");
        using var cluster = await NetnsCluster.CreateAsync();
        var server = await cluster.AddPodAsync("server");
        try
        {
            using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false, PinDirectory = pins });
            var listenersMap = Path.Combine(pins, "listeners");
            (uint, ushort) listening;
            using (var listener = server.Start("socat", "TCP-LISTEN:0", "EXEC:cat"))
            {
                listening = (server.NetnsInode, await ListeningPortAsync(server));
                (await ListeningPortsAsync(listenersMap)).Should().Contain(listening);
            }

            await Eventually.ValueAsync(() => ListeningPortsAsync(listenersMap), ports => !ports.Contains(listening), "the closed listener leaves the map", TimeSpan.FromSeconds(15));
        }
        finally
        {
            FlowSensor.RemovePins(pins);
        }
    }

    [PrivilegedFact]
    public async Task A_refused_connection_is_not_a_flow()
    {
        PrivilegedEnvironment.Require();
        const int ClosedPort = 8181;
        using var pods = await EchoPods.StartAsync();
        var (client, server, sensor) = (pods.Client, pods.Server, pods.Sensor);

        (await client.RunAsync(["socat", "-u", "OPEN:/dev/null", $"TCP:{server.IPv4}:{ClosedPort}"])).Succeeded.Should().BeFalse("nothing listens on the port");
        await pods.EchoAsync("after", $"TCP:{server.IPv4}:{Port}");

        // The refused connect changed state before the later connection did, so once the later
        // one is closed the refused one has long been handled.
        var flows = await sensor.WaitForFlowsAsync(
            f => f.Key.CgroupId == client.CgroupId && f.Key.Protocol == FlowProtocol.Tcp,
            fs => fs.Any(f => f.Key.Port == Port && f.Closes == 1));
        flows.Should().ContainSingle().Which.Key.Port.Should().Be((ushort)Port, "a connection that never opened is not traffic to allow");
    }

    [PrivilegedFact]
    public async Task Repeated_connections_to_one_service_port_aggregate_into_one_flow()
    {
        PrivilegedEnvironment.Require();
        using var pods = await EchoPods.StartAsync();
        var (client, server, sensor) = (pods.Client, pods.Server, pods.Sensor);
        for (var i = 0; i < 3; i++)
        {
            await pods.EchoAsync("hello", $"TCP:{server.IPv4}:{Port}");
        }

        var flows = await sensor.WaitForFlowsAsync(
            f => f.Key.CgroupId == client.CgroupId && f.Key.Protocol == FlowProtocol.Tcp,
            fs => fs.Sum(f => (long)f.Closes) >= 3);

        var flow = flows.Should().ContainSingle("the ephemeral port is not part of the key").Subject;
        flow.Connections.Should().Be(3);
        flow.BytesSent.Should().Be(3 * 6);
        flow.Key.RemoteAddress.Should().Be(server.IPv4);
        IPAddress.IsLoopback(flow.Key.RemoteAddress).Should().BeFalse();
    }

    [PrivilegedFact]
    public async Task A_suspended_sensor_records_nothing_and_records_again_once_resumed()
    {
        PrivilegedEnvironment.Require();
        using var pods = await EchoPods.StartAsync();
        var (client, server, sensor) = (pods.Client, pods.Server, pods.Sensor);

        sensor.Suspend();
        await pods.EchoAsync("unseen", $"TCP:{server.IPv4}:{Port}");
        sensor.Resume();
        await pods.EchoAsync("seen", $"TCP:{server.IPv4}:{Port}");

        var flows = await sensor.WaitForFlowsAsync(
            f => f.Key.CgroupId == client.CgroupId && f.Key.Protocol == FlowProtocol.Tcp,
            fs => fs.Sum(f => (long)f.Closes) >= 1);
        var flow = flows.Should().ContainSingle().Subject;
        flow.Connections.Should().Be(1UL, "the connection made while suspended was not seen");
        flow.BytesSent.Should().Be((ulong)"seen\n".Length);
    }

    // The one port a pod listens on, once it listens.
    private static async Task<ushort> ListeningPortAsync(Pod pod)
    {
        var local = await Eventually.ValueAsync(
            async () => (await ProcessRunner.RunAsync("ip", ["netns", "exec", pod.NetnsName, "ss", "-Htln"])).Stdout
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]).FirstOrDefault(),
            address => address is not null,
            $"something listens in pod {pod.Name}",
            TimeSpan.FromSeconds(10));
        return ushort.Parse(local![(local!.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    // The (network namespace, port) keys of the pinned listener map, as bpftool dumps them.
    private static async Task<HashSet<(uint Netns, ushort Port)>> ListeningPortsAsync(string pinnedMap)
    {
        var dump = await ProcessRunner.RunAsync("bpftool", ["--json", "map", "dump", "pinned", pinnedMap]);
        dump.Succeeded.Should().BeTrue(dump.Stderr);
        var ports = new HashSet<(uint, ushort)>();
        foreach (var entry in JsonDocument.Parse(dump.Stdout).RootElement.EnumerateArray())
        {
            var key = entry.GetProperty("key").EnumerateArray().Select(b => Convert.ToByte(b.GetString(), 16)).ToArray();
            ports.Add((BitConverter.ToUInt32(key, 0), BitConverter.ToUInt16(key, 4)));
        }

        return ports;
    }

    // Two pods, a started sensor, and an echo server (socat, a process per connection) on Port in
    // the server pod: the setup most of these tests share.
    private sealed class EchoPods : IDisposable
    {
        private readonly NetnsCluster _cluster;
        private readonly PodProcess _listener;

        private EchoPods(NetnsCluster cluster, Pod client, Pod server, FlowSensor sensor, PodProcess listener)
        {
            (_cluster, Client, Server, Sensor, _listener) = (cluster, client, server, sensor, listener);
        }

        public Pod Client { get; }

        public Pod Server { get; }

        public FlowSensor Sensor { get; }

        /// <summary>Starts it all; <paramref name="listen"/> is socat's listening address type.</summary>
        public static async Task<EchoPods> StartAsync(string listen = "TCP-LISTEN")
        {
            var cluster = await NetnsCluster.CreateAsync();
            FlowSensor? sensor = null;
            PodProcess? listener = null;
            try
            {
                var client = await cluster.AddPodAsync("client");
                var server = await cluster.AddPodAsync("server");
                sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false });
                listener = server.Start("socat", $"{listen}:{Port},reuseaddr,fork", "EXEC:cat");
                await server.WaitForListenerAsync(Port);
                return new EchoPods(cluster, client, server, sensor, listener);
            }
            catch
            {
                listener?.Dispose();
                sensor?.Dispose();
                cluster.Dispose();
                throw;
            }
        }

        /// <summary>Sends a line from the client pod to <paramref name="target"/> (a socat address) and checks its echo.</summary>
        public async Task EchoAsync(string text, string target) =>
            (await Client.RunAsync(["sh", "-c", $"echo {text} | socat - {target}"])).Stdout.Should().Be(text + "\n");

        public void Dispose()
        {
            _listener.Dispose();
            Sensor.Dispose();
            _cluster.Dispose();
        }
    }
}
