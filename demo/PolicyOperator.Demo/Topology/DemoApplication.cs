using System.Globalization;
using System.Net;
using PolicyOperator.Testing.Netns;

namespace PolicyOperator.Demo.Topology;

/// <summary>
/// The demo application running in network namespaces: its pods (with kubelet-named cgroups), the
/// kube-proxy stand-in's Services, the cluster DNS (dnsmasq), an echo server per container port, and the
/// payment provider outside the cluster. <see cref="StartTraffic"/> makes every pod call its
/// dependencies in a loop. Disposing stops every process and removes namespaces and cgroups.
/// </summary>
internal sealed class DemoApplication : IDisposable
{
    private readonly NetnsCluster _cluster;
    private readonly List<PodProcess> _servers = [];
    private readonly List<PodProcess> _clients = [];
    private readonly Dictionary<DeployedPod, Pod> _pods = [];
    private readonly Dictionary<DemoService, ClusterService> _services = [];
    private bool _disposed;

    private DemoApplication(ShopTopology topology, NetnsCluster cluster)
    {
        Topology = topology;
        _cluster = cluster;
    }

    /// <summary>What runs.</summary>
    public ShopTopology Topology { get; }

    /// <summary>The test cluster underneath.</summary>
    public NetnsCluster Cluster => _cluster;

    /// <summary>The pods, in creation order (workload by workload).</summary>
    public IReadOnlyList<DeployedPod> Pods => [.. _pods.Keys];

    /// <summary>The pod that plays the payment provider outside the cluster (not in the inventory).</summary>
    public Pod? ExternalServer { get; private set; }

    /// <summary>Every pod's cgroup directory, external server included.</summary>
    public IEnumerable<string> CgroupPaths => _cluster.Pods.Select(p => p.CgroupPath);

    /// <summary>The ClusterIP each Service got.</summary>
    public IPAddress ClusterIPOf(DemoService service) => _services[service].ClusterIP;

    /// <summary>The running pod behind a deployed pod.</summary>
    public Pod PodOf(DeployedPod pod) => _pods[pod];

    /// <summary>
    /// Creates the cluster <paramref name="clusterId"/> and starts the application; <paramref name="podCreated"/>
    /// sees each pod as soon as it exists (to record its cgroup for cleanup after a crash).
    /// </summary>
    public static async Task<DemoApplication> StartAsync(
        ShopTopology topology, string clusterId, Action<Pod> podCreated, Action<string> progress, CancellationToken cancellationToken)
    {
        var cluster = await NetnsCluster.CreateAsync(clusterId, cancellationToken);
        var application = new DemoApplication(topology, cluster);
        progress($"test cluster {clusterId}: the node is network namespace {cluster.SwitchNetns}, pods are namespaces on its bridge");
        try
        {
            await application.CreatePodsAsync(podCreated, progress, cancellationToken);
            await application.CreateServicesAsync(progress, cancellationToken);
            await application.StartDnsAsync(progress, cancellationToken);
            await application.StartServersAsync(progress, cancellationToken);
            return application;
        }
        catch
        {
            application.Dispose();
            throw;
        }
    }

    /// <summary>Starts a loop in every pod that calls its workload's dependencies one after the other, then pauses.</summary>
    public void StartTraffic(TimeSpan pause)
    {
        var seconds = pause.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture);
        foreach (var (deployed, pod) in _pods.Where(p => p.Key.Workload.Calls.Count > 0))
        {
            // One short TCP exchange per call (a line out, the echo back), by DNS name through the Service.
            var script = $"while :; do for target in \"$@\"; do echo ping | socat -T 2 - \"TCP:$target\" >/dev/null 2>&1; done; sleep {seconds}; done";
            _clients.Add(pod.Start(["sh", "-c", script, "sh", .. deployed.Workload.Calls.Select(c => c.ToString())], redirectInput: false));
        }
    }

    /// <summary>Stops the traffic loops.</summary>
    public void StopTraffic()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    /// <summary>Stops everything and removes the namespaces and cgroups.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopTraffic();
        foreach (var server in _servers)
        {
            server.Dispose();
        }

        _cluster.Dispose();
    }

    private async Task CreatePodsAsync(Action<Pod> podCreated, Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var workload in Topology.Workloads)
        {
            for (var ordinal = 0; ordinal < workload.Replicas; ordinal++)
            {
                var name = PodNames.PodName(workload, ordinal);
                var pod = await _cluster.AddPodAsync(name, workload.Namespace, cancellationToken);
                podCreated(pod);
                _pods[new DeployedPod(workload, name, pod.Uid, pod.IPv4, pod.IPv6, pod.ContainerId)] = pod;
                progress($"pod {$"{workload.Namespace}/{name}",-44} {pod.IPv4,-14} {workload.Kind}/{workload.Name}");
            }
        }

        var external = Topology.External;
        var server = await _cluster.AddPodAsync("payments-provider", "internet", cancellationToken);
        podCreated(server);
        ExternalServer = server;
        // The provider's public address: on its interface, and routed to it by the node (the pods' gateway).
        (await server.RunAsync(["ip", "addr", "add", $"{external.Address}/32", "dev", "eth0"], cancellationToken))
            .EnsureSuccess($"adding {external.Address} to the external server");
        await _cluster.InSwitchAsync(cancellationToken, "ip", "route", "add", $"{external.Address}/32", "via", server.IPv4.ToString());
        progress($"outside the cluster: {external.DnsName} at {external.Address} (a namespace that is not in the inventory)");
    }

    private async Task CreateServicesAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var service in Topology.Services)
        {
            var backends = _pods.Where(p => p.Key.Workload == Topology.BackendOf(service)).Select(p => p.Value).ToList();
            var targetPort = Topology.TargetPortOf(service);
            var created = await _cluster.AddServiceAsync(service.Name, service.Namespace, service.Port, targetPort, backends, service.Protocol, cancellationToken);
            _services[service] = created;
            var target = service.TargetPort.IsName ? $"{service.TargetPort.Name} ({targetPort})" : targetPort.ToString(CultureInfo.InvariantCulture);
            progress($"service {$"{service.Namespace}/{service.Name}",-40} {$"{created.ClusterIP}:{service.Port}/{service.Protocol}",-20} -> target port {target} on {backends.Count} pod(s)");
        }
    }

    private async Task StartDnsAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var records = Topology.Services.ToDictionary(s => s.DnsName, s => (IReadOnlyList<IPAddress>)[ClusterIPOf(s)], StringComparer.Ordinal);
        records[Topology.External.DnsName] = [Topology.External.Address];
        var dnsService = Topology.Services.Single(s => Topology.BackendOf(s).ServesDns);
        var dnsPod = _pods.Single(p => p.Key.Workload.ServesDns).Value;
        _servers.Add(await DnsServer.StartAsync(dnsPod, records, cancellationToken: cancellationToken));
        foreach (var pod in _pods.Values)
        {
            pod.UseNameServer(ClusterIPOf(dnsService));
        }

        progress($"cluster DNS (dnsmasq) behind {ClusterIPOf(dnsService)}: {records.Count} names, {Topology.External.DnsName} among them");
    }

    private async Task StartServersAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var listeners = new List<(Pod Pod, int Port)>();
        foreach (var (deployed, pod) in _pods)
        {
            foreach (var port in deployed.Workload.Ports.Where(p => p.Protocol is null or "TCP"))
            {
                listeners.Add((pod, port.Number));
            }
        }

        listeners.Add((ExternalServer!, Topology.External.Port));
        foreach (var (pod, port) in listeners)
        {
            // An echo server: each connection gets back what it sent.
            _servers.Add(pod.Start("socat", $"TCP-LISTEN:{port.ToString(CultureInfo.InvariantCulture)},reuseaddr,fork", "PIPE"));
        }

        foreach (var (pod, port) in listeners)
        {
            await pod.WaitForListenerAsync(port, cancellationToken: cancellationToken);
        }

        progress($"{listeners.Count} echo servers listening");
    }
}
