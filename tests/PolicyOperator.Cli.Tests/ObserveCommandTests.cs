using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Cli.Tests;

/// <summary>
/// <c>policyctl observe</c> as the real executable, over the network-namespace test cluster: the
/// command's traffic is recorded by pod, workload and Service, and generate reads what it wrote.
/// </summary>
public sealed class ObserveCommandTests : IDisposable
{
    private const string Node = "node-1";
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string PolicyCtlPath => Path.Combine(AppContext.BaseDirectory, "policyctl");

    [PrivilegedFact]
    public async Task Observe_records_the_commands_traffic_to_a_Service_by_workload_and_keeps_its_exit_code()
    {
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var server = await cluster.AddPodAsync("web", "shop");
        var service = await cluster.AddServiceAsync("web", "shop", port: 80, targetPort: 8080, [server]);
        var inventory = _files.Write("inventory.json", NetnsInventory.ToListJson(NetnsInventory.Objects(cluster, Node, namedTargetPorts: true)));
        var traffic = Path.Combine(Path.GetDirectoryName(inventory)!, "traffic.yaml");
        using var listener = server.Start("socat", "TCP-LISTEN:8080,reuseaddr,fork", "EXEC:cat");
        await server.WaitForListenerAsync(8080);

        // The command joins the client pod's cgroup and network namespace, as a container's process would.
        var result = await ProcessRunner.RunAsync(PolicyCtlPath,
        [
            "observe", "--inventory", inventory, "--node", Node, "--out", traffic, "--",
            "/bin/sh", "-c", "echo $$ > \"$1/cgroup.procs\" && shift && exec ip netns exec \"$@\"", "sh", client.CgroupPath, client.NetnsName,
            "sh", "-c", $"echo hello | socat -T 5 - TCP:{service.ClusterIP}:80; exit 7",
        ]);

        result.ExitCode.Should().Be(7, $"the command's exit code is observe's; stderr: {result.Stderr}");
        result.Stdout.Should().Contain("hello", "the command's output is passed through");
        var observed = (await new TrafficReader().ReadAsync([traffic], CancellationToken.None)).Traffic;
        var egress = observed.Should().ContainSingle(t => t.Spec.Workload.Name == "client").Subject;
        egress.Spec.Workload.Kind.Should().Be("Deployment");
        egress.Spec.Node.Should().Be(Node);
        var toService = egress.Spec.Egress.Should().ContainSingle(e => e.Peer.Type == PeerType.Service).Subject;
        toService.Peer.Service!.Name.Should().Be("web");
        toService.Peer.Service.Namespace.Should().Be("shop");
        toService.Port.Should().Be(8080, "the port recorded is the named target port after DNAT");
        toService.ServicePort.Should().Be(80);
        toService.Connections.Should().Be(1);
        toService.Processes.Should().ContainSingle(p => p.Comm == "socat" && p.Container == NetnsInventory.ContainerName);

        var ingress = observed.Should().ContainSingle(t => t.Spec.Workload.Name == "web" && t.Spec.Workload.Namespace == "shop").Subject;
        var fromClient = ingress.Spec.Ingress.Should().ContainSingle().Subject;
        fromClient.Peer.Workload!.Name.Should().Be("client");
        fromClient.Port.Should().Be(8080);
        fromClient.BytesReceived.Should().Be(6, "hello and a newline");

        var generated = await ProcessRunner.RunAsync(PolicyCtlPath, ["generate", "--traffic", traffic, "--inventory", inventory, "--out", "-"]);
        generated.ExitCode.Should().Be(PolicyCtl.ExitOk, generated.Stderr);
        generated.Stdout.Should().Contain("name: web").And.Contain("port: 8080").And.Contain("app: client");
    }

    [PrivilegedFact]
    public async Task Observe_without_an_inventory_names_workloads_by_network_namespace()
    {
        using var cluster = await NetnsCluster.CreateAsync();
        var client = await cluster.AddPodAsync("client");
        var server = await cluster.AddPodAsync("server");
        var traffic = _files.Write("traffic.yaml", string.Empty);
        using var listener = server.Start("socat", "UDP-RECVFROM:9999,fork", "EXEC:cat");
        await server.WaitForListenerAsync(9999, udp: true);

        var result = await ProcessRunner.RunAsync(PolicyCtlPath,
        [
            "observe", "--out", traffic, "--",
            "ip", "netns", "exec", client.NetnsName, "sh", "-c", $"echo ping | socat -T 2 - UDP:{server.IPv4}:9999",
        ]);

        result.ExitCode.Should().Be(0, result.Stderr);
        var observed = (await new TrafficReader().ReadAsync([traffic], CancellationToken.None)).Traffic;
        var fromClient = observed.Should().ContainSingle(t => t.Spec.Workload.Name == client.NetnsName).Subject;
        fromClient.Spec.Workload.Kind.Should().Be("NetworkNamespace");
        var entry = fromClient.Spec.Egress.Should().ContainSingle(e => e.Protocol == "UDP").Subject;
        entry.Port.Should().Be(9999);
        entry.Peer.Type.Should().Be(PeerType.Workload, "the server's namespace was seen with that address");
        entry.Peer.Workload!.Name.Should().Be(server.NetnsName);
    }

    [Fact]
    public async Task Observe_rejects_a_bad_duration_with_the_flag_named()
    {
        var result = await ProcessRunner.RunAsync(PolicyCtlPath, ["observe", "--duration", "soon"]);

        result.ExitCode.Should().Be(PolicyCtl.ExitUsage);
        result.Stderr.Should().Contain("--duration").And.Contain("soon");
    }
}
