using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace PolicyOperator.Testing.Netns;

/// <summary>
/// A cluster of test pods: network namespaces joined by a bridge that lives in a namespace of its
/// own (nothing is added to the host's namespace, nothing is routed off the machine), with private
/// addresses 10.213.S.N/24 and fd00:213:S::N/64, and kubelet-style cgroups. Names carry a random id,
/// so parallel test runs cannot collide. Disposing kills the pods' processes and removes everything,
/// also after failures.
/// </summary>
/// <remarks>
/// The bridge's namespace plays the node: it holds the gateway (10.213.S.1, fd00:213:S::1) that is
/// every pod's default route, host-network pods (<see cref="AddHostNetworkPodAsync"/>), and the
/// kube-proxy stand-in: Services (<see cref="AddServiceAsync"/>) are iptables DNAT rules there, with
/// bridged packets passing netfilter (<c>bridge-nf-call-iptables</c>) so that replies between pods
/// on the one bridge are un-NATed as in a real cluster. ClusterIPs are 10.214.S.N.
/// </remarks>
public sealed class NetnsCluster : IDisposable
{
    private const string KubepodsSlice = "kubepods.slice";
    private const string BesteffortSlice = "kubepods-besteffort.slice";

    private readonly List<Pod> _pods = [];
    private readonly List<ClusterService> _services = [];
    private readonly int _subnet;

    private NetnsCluster(string id, int subnet, string cgroupRoot)
    {
        Id = id;
        _subnet = subnet;
        CgroupRoot = cgroupRoot;
    }

    /// <summary>The random id in every name this cluster creates.</summary>
    public string Id { get; }

    /// <summary>The cgroup v2 mount point.</summary>
    public string CgroupRoot { get; }

    /// <summary>The namespace holding the bridge.</summary>
    public string SwitchNetns => $"{NetnsNamePrefix(Id)}sw";

    /// <summary>The pods, in creation order.</summary>
    public IReadOnlyList<Pod> Pods => _pods;

    /// <summary>The Services, in creation order.</summary>
    public IReadOnlyList<ClusterService> Services => _services;

    /// <summary>The node's address on the pod network (the pods' gateway; host-network pods have it).</summary>
    public IPAddress NodeIPv4 => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"10.213.{_subnet}.1"));

    /// <summary>The node's IPv6 address on the pod network.</summary>
    public IPAddress NodeIPv6 => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"fd00:213:{_subnet:x}::1"));

    /// <summary>The pod network (IPv4), for inventories and policies.</summary>
    public string PodCidr => string.Create(CultureInfo.InvariantCulture, $"10.213.{_subnet}.0/24");

    /// <summary>Creates the bridge namespace; add pods with <see cref="AddPodAsync"/>.</summary>
    public static Task<NetnsCluster> CreateAsync(CancellationToken cancellationToken = default) =>
        CreateAsync(NewId(), cancellationToken);

    /// <summary>
    /// Creates the cluster with an id chosen by the caller (from <see cref="NewId"/>), so that a program
    /// can record the id before anything exists and remove what a killed run left behind
    /// (<see cref="NetnsNamePrefix"/>).
    /// </summary>
    public static async Task<NetnsCluster> CreateAsync(string id, CancellationToken cancellationToken = default)
    {
        if (id is not { Length: >= 1 and <= 8 } || !id.All(char.IsAsciiLetterOrDigit))
        {
            // The id goes into interface names, which the kernel limits to 15 characters.
            throw new ArgumentException($"a cluster id is 1 to 8 ASCII letters or digits, not '{id}'", nameof(id));
        }

        PrivilegedEnvironment.Require();
        var cgroupRoot = File.ReadLines("/proc/mounts")
            .Select(l => l.Split(' '))
            .FirstOrDefault(f => f.Length > 2 && f[2] == "cgroup2")?[1]
            ?? throw new InvalidOperationException("no cgroup2 mount in /proc/mounts");
        var cluster = new NetnsCluster(id, RandomNumberGenerator.GetInt32(1, 255), cgroupRoot);
        try
        {
            await IpAsync(cancellationToken, "netns", "add", cluster.SwitchNetns);
            await IpAsync(cancellationToken, "-n", cluster.SwitchNetns, "link", "add", "br0", "type", "bridge");
            await IpAsync(cancellationToken, "-n", cluster.SwitchNetns, "addr", "add", $"{cluster.NodeIPv4}/24", "dev", "br0");
            await IpAsync(cancellationToken, "-n", cluster.SwitchNetns, "addr", "add", $"{cluster.NodeIPv6}/64", "dev", "br0", "nodad");
            await IpAsync(cancellationToken, "-n", cluster.SwitchNetns, "link", "set", "br0", "up");
            await IpAsync(cancellationToken, "-n", cluster.SwitchNetns, "link", "set", "lo", "up");
            await cluster.InSwitchAsync(cancellationToken, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.bridge.bridge-nf-call-iptables=1");
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>A fresh random cluster id (6 hex digits).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>What the names of every network namespace of the cluster with <paramref name="id"/> start with.</summary>
    public static string NetnsNamePrefix(string id) => $"po{id}-";

    /// <summary>Adds a pod: namespace, veth to the bridge, addresses, cgroup.</summary>
    public async Task<Pod> AddPodAsync(string name, string kubernetesNamespace = "default", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var index = _pods.Count + 2;
        var netns = $"{NetnsNamePrefix(Id)}{index}";
        var uid = Guid.NewGuid().ToString();
        var containerId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var relative = KubeletCgroup(uid, containerId);
        var cgroupPath = Path.Combine(CgroupRoot, relative);
        var ipv4 = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"10.213.{_subnet}.{index}"));
        var ipv6 = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"fd00:213:{_subnet:x}::{index:x}"));

        await IpAsync(cancellationToken, "netns", "add", netns);
        // Registered at once, ids unknown yet, so that Dispose removes it even if the rest fails.
        _pods.Add(new Pod(name, kubernetesNamespace, uid, containerId, netns, ipv4, ipv6, cgroupPath, "/" + relative, 0, 0));
        var slot = _pods.Count - 1;
        var hostSide = $"v{Id}{index}";
        await IpAsync(cancellationToken, "-n", SwitchNetns, "link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", netns);
        await IpAsync(cancellationToken, "-n", SwitchNetns, "link", "set", hostSide, "master", "br0", "up");
        await IpAsync(cancellationToken, "-n", netns, "link", "set", "lo", "up");
        await IpAsync(cancellationToken, "-n", netns, "addr", "add", $"{ipv4}/24", "dev", "eth0");
        await IpAsync(cancellationToken, "-n", netns, "addr", "add", $"{ipv6}/64", "dev", "eth0", "nodad");
        await IpAsync(cancellationToken, "-n", netns, "link", "set", "eth0", "up");
        await IpAsync(cancellationToken, "-n", netns, "route", "add", "default", "via", NodeIPv4.ToString());
        await IpAsync(cancellationToken, "-n", netns, "-6", "route", "add", "default", "via", NodeIPv6.ToString());
        Directory.CreateDirectory(cgroupPath);

        var pod = new Pod(name, kubernetesNamespace, uid, containerId, netns, ipv4, ipv6, cgroupPath, "/" + relative,
            await InodeAsync(cgroupPath, cancellationToken), (uint)await InodeAsync($"/run/netns/{netns}", cancellationToken));
        _pods[slot] = pod;
        return pod;
    }

    /// <summary>
    /// Adds a host-network pod: a pod cgroup of its own whose processes run in the node's namespace
    /// (the bridge's), with the node's addresses, as kubelet runs a <c>hostNetwork: true</c> pod.
    /// </summary>
    public async Task<Pod> AddHostNetworkPodAsync(string name, string kubernetesNamespace = "default", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var uid = Guid.NewGuid().ToString();
        var containerId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var relative = KubeletCgroup(uid, containerId);
        var cgroupPath = Path.Combine(CgroupRoot, relative);
        _pods.Add(new Pod(name, kubernetesNamespace, uid, containerId, SwitchNetns, NodeIPv4, NodeIPv6, cgroupPath, "/" + relative, 0, 0, hostNetwork: true));
        var slot = _pods.Count - 1;
        Directory.CreateDirectory(cgroupPath);
        var pod = new Pod(name, kubernetesNamespace, uid, containerId, SwitchNetns, NodeIPv4, NodeIPv6, cgroupPath, "/" + relative,
            await InodeAsync(cgroupPath, cancellationToken), (uint)await InodeAsync($"/run/netns/{SwitchNetns}", cancellationToken), hostNetwork: true);
        _pods[slot] = pod;
        return pod;
    }

    /// <summary>
    /// Adds a ClusterIP Service as kube-proxy (iptables mode) would: DNAT of
    /// <c>clusterIP:port</c> to the backends' <c>targetPort</c> (spread evenly when several).
    /// </summary>
    public async Task<ClusterService> AddServiceAsync(
        string name, string kubernetesNamespace, int port, int targetPort, IReadOnlyList<Pod> backends, string protocol = "TCP", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(backends);
        if (backends.Count == 0)
        {
            throw new ArgumentException("a Service needs at least one backend pod", nameof(backends));
        }

        var clusterIp = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"10.214.{_subnet}.{_services.Count + 10}"));
        var service = new ClusterService(name, kubernetesNamespace, clusterIp, port, targetPort, protocol.ToUpperInvariant(), backends);
        var proto = protocol.ToLowerInvariant();
        for (var i = 0; i < backends.Count; i++)
        {
            // Rule i takes 1/(n-i) of what reaches it: an even spread, as kube-proxy's statistic rules do.
            List<string> rule = ["iptables", "-t", "nat", "-A", "PREROUTING", "-d", $"{clusterIp}/32", "-p", proto, "--dport", port.ToString(CultureInfo.InvariantCulture)];
            if (i < backends.Count - 1)
            {
                rule.AddRange(["-m", "statistic", "--mode", "random", "--probability", (1.0 / (backends.Count - i)).ToString("F5", CultureInfo.InvariantCulture)]);
            }

            rule.AddRange(["-j", "DNAT", "--to-destination", $"{backends[i].IPv4}:{targetPort}"]);
            await InSwitchAsync(cancellationToken, [.. rule]);
        }

        _services.Add(service);
        return service;
    }

    /// <summary>Runs a command in the node's (the bridge's) network namespace.</summary>
    public Task<string> InSwitchAsync(CancellationToken cancellationToken, params string[] command) =>
        IpAsync(cancellationToken, ["netns", "exec", SwitchNetns, .. command]);

    /// <summary>Kills the pods' processes, removes cgroups, namespaces and resolver files.</summary>
    public void Dispose()
    {
        var errors = new List<string>();
        foreach (var pod in _pods)
        {
            KillAll(pod.CgroupPath);
            pod.OwnedFiles.ForEach(File.Delete);
            TryDelete(pod.CgroupPath, errors);
            TryDelete(Path.GetDirectoryName(pod.CgroupPath)!, errors);
            if (pod.HostNetwork)
            {
                continue; // the node's namespace goes last
            }

            TryRun(errors, "ip", "netns", "del", pod.NetnsName);
            if (Directory.Exists(Path.Combine("/etc/netns", pod.NetnsName)))
            {
                Directory.Delete(Path.Combine("/etc/netns", pod.NetnsName), recursive: true);
            }
        }

        TryRun(errors, "ip", "netns", "del", SwitchNetns);

        // Shared parents: removed only when empty (a parallel run may still use them).
        foreach (var shared in new[] { Path.Combine(CgroupRoot, KubepodsSlice, BesteffortSlice), Path.Combine(CgroupRoot, KubepodsSlice) })
        {
            try
            {
                Directory.Delete(shared);
            }
            catch (IOException)
            {
                // not empty, or already gone
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"netns cluster {Id} cleanup: {string.Join("; ", errors)}");
        }
    }

    private static string KubeletCgroup(string uid, string containerId) => string.Join('/',
        KubepodsSlice,
        BesteffortSlice,
        $"kubepods-besteffort-pod{uid.Replace('-', '_')}.slice",
        $"cri-containerd-{containerId}.scope");

    private static void KillAll(string cgroupPath)
    {
        var procs = Path.Combine(cgroupPath, "cgroup.procs");
        for (var attempt = 0; attempt < 50 && File.Exists(procs); attempt++)
        {
            var pids = File.ReadAllLines(procs).Where(l => l.Length > 0).ToList();
            if (pids.Count == 0)
            {
                return;
            }

            foreach (var pid in pids)
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture)).Kill();
                }
                catch (ArgumentException)
                {
                    // already gone
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }
            }

            Thread.Sleep(20);
        }
    }

    private static void TryDelete(string cgroupDirectory, List<string> errors)
    {
        for (var attempt = 0; attempt < 50 && Directory.Exists(cgroupDirectory); attempt++)
        {
            try
            {
                Directory.Delete(cgroupDirectory); // cgroup directories are removed with rmdir, never recursively
                return;
            }
            catch (IOException) when (attempt < 49)
            {
                Thread.Sleep(20); // processes still exiting
            }
            catch (IOException e)
            {
                errors.Add($"rmdir {cgroupDirectory}: {e.Message}");
            }
        }
    }

    private static void TryRun(List<string> errors, string file, params string[] args)
    {
        var result = ProcessRunner.RunAsync(file, args).GetAwaiter().GetResult();
        if (!result.Succeeded && !result.Stderr.Contains("No such file", StringComparison.Ordinal))
        {
            errors.Add($"{file} {string.Join(' ', args)}: {result.Stderr.Trim()}");
        }
    }

    private static Task<string> IpAsync(CancellationToken cancellationToken, params string[] args) =>
        ProcessRunner.RunCheckedAsync("ip", args, cancellationToken);

    private static async Task<ulong> InodeAsync(string path, CancellationToken cancellationToken) =>
        ulong.Parse((await ProcessRunner.RunCheckedAsync("stat", ["-L", "-c", "%i", path], cancellationToken)).Trim(), CultureInfo.InvariantCulture);
}
