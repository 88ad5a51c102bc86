using FluentAssertions;
using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Loading;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Sensor;

public sealed class ExistingConnectionTests
{
    [PrivilegedFact]
    public async Task A_connection_opened_before_the_sensor_started_is_found_with_its_owner()
    {
        PrivilegedEnvironment.Require();
        const int Port = 7070;
        using var open = await OpenConnection.StartAsync(Port);
        var (client, server, listener, connector) = (open.Client, open.Server, open.Listener, open.Connector);

        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = true });

        var flows = sensor.Flows().Where(f => f.Key.CgroupId == client.CgroupId || f.Key.CgroupId == server.CgroupId).ToList();
        var egress = flows.Should().ContainSingle(f => f.Key.CgroupId == client.CgroupId).Subject;
        egress.PreExisting.Should().BeTrue();
        egress.Key.Should().Be(new FlowKey(client.CgroupId, client.NetnsInode, FlowDirection.Egress, FlowProtocol.Tcp, client.IPv4, server.IPv4, Port));
        egress.Pid.Should().Be(connector.Pid);
        egress.Comm.Should().Be("socat");
        egress.Connections.Should().Be(1);

        var ingress = flows.Should().ContainSingle(f => f.Key.CgroupId == server.CgroupId).Subject;
        ingress.Key.Should().Be(new FlowKey(server.CgroupId, server.NetnsInode, FlowDirection.Ingress, FlowProtocol.Tcp, server.IPv4, client.IPv4, Port));
        ingress.PreExisting.Should().BeTrue();
    }

    [PrivilegedFact]
    public async Task An_accept_on_a_port_that_listened_before_the_sensor_started_names_the_listening_process()
    {
        PrivilegedEnvironment.Require();
        const int Port = 7272;
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var server = await cluster.AddPodAsync("server");
        using var listener = server.Start("socat", $"TCP-LISTEN:{Port},reuseaddr,fork", "EXEC:cat");
        await server.WaitForListenerAsync(Port);

        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = true });
        (await client.RunAsync(["sh", "-c", $"echo hi | socat - TCP:{server.IPv4}:{Port}"])).Stdout.Should().Be("hi\n");

        var flows = await sensor.WaitForFlowsAsync(f => f.Key.CgroupId == server.CgroupId, fs => fs.Any(f => f.Closes == 1));
        var ingress = flows.Should().ContainSingle().Subject;
        ingress.Key.Direction.Should().Be(FlowDirection.Ingress);
        ingress.Pid.Should().Be(listener.Pid);
        ingress.Comm.Should().Be("socat");
        ingress.PreExisting.Should().BeFalse();
    }

    // Its bytes went by before the sensor could count them: the close says so in a counter, and is
    // not taken for a connection of some other flow.
    [PrivilegedFact]
    public async Task The_close_of_a_connection_opened_before_the_sensor_is_counted_as_untracked()
    {
        PrivilegedEnvironment.Require();
        const int Port = 7373;
        using var open = await OpenConnection.StartAsync(Port);
        var (client, server, listener, connector) = (open.Client, open.Server, open.Listener, open.Connector);

        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false });
        var before = sensor.ReadDrops().UntrackedCloses;
        connector.Input.Close();
        await connector.WaitAsync();
        await listener.WaitAsync();

        await Eventually.TrueAsync(
            () => sensor.ReadDrops().UntrackedCloses >= before + 2, "both ends close as untracked (the sensor never saw them open)", TimeSpan.FromSeconds(15));
        sensor.Sweep();
        sensor.Flows().Should().NotContain(f => f.Key.CgroupId == client.CgroupId || f.Key.CgroupId == server.CgroupId);
    }

    internal static async Task WaitEstablishedAsync(Pod pod, int remotePort)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var ss = await ProcessRunner.RunAsync("ip", ["netns", "exec", pod.NetnsName, "ss", "-Htn", "state", "established", $"dport = :{remotePort}"]);
            if (ss.Stdout.Trim().Length > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no established connection to port {remotePort} in pod {pod.Name}");
    }

    // Two pods, an echo server for one connection, and a client connected to it with a line
    // through: what these tests open before their sensor starts.
    private sealed class OpenConnection : IDisposable
    {
        private readonly NetnsCluster _cluster;

        private OpenConnection(NetnsCluster cluster, Pod client, Pod server, PodProcess listener, PodProcess connector)
        {
            (_cluster, Client, Server, Listener, Connector) = (cluster, client, server, listener, connector);
        }

        public Pod Client { get; }

        public Pod Server { get; }

        public PodProcess Listener { get; }

        public PodProcess Connector { get; }

        public static async Task<OpenConnection> StartAsync(int port)
        {
            var cluster = await NetnsCluster.CreateAsync();
            PodProcess? listener = null;
            PodProcess? connector = null;
            try
            {
                var client = await cluster.AddPodAsync("client");
                var server = await cluster.AddPodAsync("server");
                listener = server.Start("socat", $"TCP-LISTEN:{port},reuseaddr", "EXEC:cat");
                await server.WaitForListenerAsync(port);
                connector = client.Start(["socat", "-", $"TCP:{server.IPv4}:{port}"], redirectInput: true);
                await connector.Input.WriteLineAsync("open");
                await connector.Input.FlushAsync();
                await WaitEstablishedAsync(client, port);
                return new OpenConnection(cluster, client, server, listener, connector);
            }
            catch
            {
                connector?.Dispose();
                listener?.Dispose();
                cluster.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Connector.Dispose();
            Listener.Dispose();
            _cluster.Dispose();
        }
    }
}
