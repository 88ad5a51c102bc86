using System.Net;
using System.Text.Json;
using PolicyOperator.Api;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Testing;
using PolicyOperator.Testing.ApiServer;
using PolicyOperator.Testing.Netns;

namespace PolicyOperator.Agent.Tests.Agent;

/// <summary>
/// A node of test pods with a test API server that holds their Pods, Services, EndpointSlices and
/// Node, and the real agent reporting to it: client (default), web (shop, behind Service web
/// 80 -> named port http = 8080), coredns (kube-system, answering api.example.test), ext (outside
/// the cluster: not in the API server), and a host-network pod node-agent (kube-system).
/// </summary>
internal sealed class AgentCluster : IAsyncDisposable
{
    public const string Node = "node-1";
    public const string ExternalName = "api.example.test";

    private readonly List<IDisposable> _processes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("policy-agent-").FullName;

    private AgentCluster(TestApiServer server, NetnsCluster cluster)
    {
        Server = server;
        Cluster = cluster;
    }

    public TestApiServer Server { get; }

    public NetnsCluster Cluster { get; }

    public Pod Client { get; private set; } = null!;

    public Pod Web { get; private set; } = null!;

    public Pod External { get; private set; } = null!;

    public Pod NodeAgent { get; private set; } = null!;

    public ClusterService WebService { get; private set; } = null!;

    public string Kubeconfig => Path.Combine(_directory, "kubeconfig");

    /// <summary>A bpffs directory of this cluster's own, for a pinned agent.</summary>
    public string PinDirectory { get; } = Path.Combine("/sys/fs/bpf", $"policyoperator-agent-test-{Guid.NewGuid():N}");

    public static async Task<AgentCluster> CreateAsync()
    {
        PrivilegedEnvironment.Require();
        var server = await TestApiServer.StartAsync(new TestApiServerOptions { Manifests = [RepositoryPaths.InRepository("crds")] });
        NetnsCluster? cluster = null;
        try
        {
            cluster = await NetnsCluster.CreateAsync();
            var node = new AgentCluster(server, cluster);
            await node.SetUpAsync();
            return node;
        }
        catch
        {
            cluster?.Dispose();
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the agent against the API server.</summary>
    public AgentProcess StartAgent(bool pinned = false) =>
        AgentProcess.Start("--kubeconfig", Kubeconfig, "--node-name", Node, "--pin-dir", pinned ? PinDirectory : string.Empty);

    /// <summary>One TCP connection from the client through the Service; returns the echo.</summary>
    public async Task<string> ClientCallsWebServiceAsync(string text) =>
        (await Client.RunAsync(["sh", "-c", $"echo {text} | socat -T 5 - TCP:{WebService.ClusterIP}:80"])).Stdout;

    /// <summary>
    /// Starts a UDP echo on web:9999 for one datagram. After the agent: the sensor learns a UDP socket's
    /// owner when the socket is created (sockets older than the sensor are not attributed).
    /// </summary>
    public async Task<PodProcess> StartUdpEchoAsync()
    {
        var echo = Web.Start("socat", "UDP-RECVFROM:9999", "EXEC:cat");
        await Web.WaitForListenerAsync(9999, udp: true);
        return echo;
    }

    /// <summary>The ObservedTraffic of a workload on this node, or null.</summary>
    public ObservedTraffic? Observed(string ns, string workload, string kind = "Deployment")
    {
        var stored = Server.Store.Get("observedtraffics.policyoperator.io", ns, $"{workload}-{kind}-{Node}".ToLowerInvariant());
        return stored is null ? null : stored.Deserialize<ObservedTraffic>(ApiJson.Options);
    }

    /// <summary>Waits until the workload's ObservedTraffic satisfies <paramref name="done"/>; fails with what was there.</summary>
    public async Task<ObservedTraffic> WaitForObservedAsync(string ns, string workload, Func<ObservedTraffic, bool> done, AgentProcess agent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        ObservedTraffic? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = Observed(ns, workload);
            if (last is not null && done(last))
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException(
            $"ObservedTraffic {ns}/{workload} did not reach the expected state; last:\n{(last is null ? "(none)" : JsonSerializer.Serialize(last, ApiJson.Options))}\nstored: {string.Join(", ", Server.Store.List("observedtraffics.policyoperator.io", null).Items.Select(o => o["metadata"]?["name"]))}\nmetrics:\n{await agent.MetricsAsync()}\nagent output:\n{agent.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        Cluster.Dispose();
        await Server.DisposeAsync();
        if (Directory.Exists(PinDirectory))
        {
            Directory.Delete(PinDirectory, recursive: true);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task SetUpAsync()
    {
        Server.WriteKubeconfig(Kubeconfig);
        Client = await Cluster.AddPodAsync("client");
        Web = await Cluster.AddPodAsync("web", "shop");
        var dns = await Cluster.AddPodAsync("coredns", "kube-system");
        External = await Cluster.AddPodAsync("ext");
        NodeAgent = await Cluster.AddHostNetworkPodAsync("node-agent", "kube-system");
        WebService = await Cluster.AddServiceAsync("web", "shop", port: 80, targetPort: 8080, [Web]);

        // Everything through the API, except that pods keep the UIDs their cgroups are named by (the
        // kubelet made those cgroups for these pods); a create would give them new ones.
        var objects = NetnsInventory.Objects(Cluster, Node, namedTargetPorts: true, outside: [External]);
        var inventory = Path.Combine(_directory, "inventory.yaml");
        await File.WriteAllTextAsync(inventory, NetnsInventory.ToDocuments(objects.Where(o => o is not Api.Core.Pod)));
        await Server.ApplyAsync(inventory);
        foreach (var pod in objects.OfType<Api.Core.Pod>())
        {
            Server.Store.Seed("pods", JsonSerializer.SerializeToNode(pod, ApiJson.Options)!.AsObject());
        }

        _processes.Add(await DnsServer.StartAsync(dns, new Dictionary<string, IReadOnlyList<IPAddress>> { [ExternalName] = [External.IPv4] }));
        Client.UseNameServer(dns.IPv4);
        _processes.Add(Web.Start("socat", "TCP-LISTEN:8080,reuseaddr,fork", "EXEC:cat"));
        _processes.Add(External.Start("socat", "TCP-LISTEN:443,reuseaddr,fork", "EXEC:cat"));
        _processes.Add(NodeAgent.Start("socat", "TCP-LISTEN:9100,reuseaddr,fork", "EXEC:cat"));
        await Web.WaitForListenerAsync(8080);
        await External.WaitForListenerAsync(443);
        await NodeAgent.WaitForListenerAsync(9100);
    }
}
