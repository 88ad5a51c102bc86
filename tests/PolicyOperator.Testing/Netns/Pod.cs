using System.Net;

namespace PolicyOperator.Testing.Netns;

/// <summary>
/// A test "pod": a network namespace on the cluster's bridge with an IPv4 and an IPv6 address,
/// and a cgroup named as the kubelet (systemd driver) names a container's cgroup. Processes
/// started here run in both from their first instruction.
/// </summary>
public sealed class Pod
{
    internal Pod(string name, string kubernetesNamespace, string uid, string containerId, string netnsName,
        IPAddress ipv4, IPAddress ipv6, string cgroupPath, string cgroupRelativePath, ulong cgroupId, uint netnsInode, bool hostNetwork = false)
    {
        HostNetwork = hostNetwork;
        Name = name;
        Namespace = kubernetesNamespace;
        Uid = uid;
        ContainerId = containerId;
        NetnsName = netnsName;
        IPv4 = ipv4;
        IPv6 = ipv6;
        CgroupPath = cgroupPath;
        CgroupRelativePath = cgroupRelativePath;
        CgroupId = cgroupId;
        NetnsInode = netnsInode;
    }

    /// <summary>True for a host-network pod: its processes run in the node's namespace with the node's addresses.</summary>
    public bool HostNetwork { get; }

    /// <summary>Files made for this pod's processes (a DNS server's hosts file); removed with the cluster.</summary>
    internal List<string> OwnedFiles { get; } = [];

    /// <summary>The pod name.</summary>
    public string Name { get; }

    /// <summary>The Kubernetes namespace it pretends to live in.</summary>
    public string Namespace { get; }

    /// <summary>The pod UID (dashes).</summary>
    public string Uid { get; }

    /// <summary>The container id (64 hex digits) in the scope's name.</summary>
    public string ContainerId { get; }

    /// <summary>The network namespace's name (ip netns).</summary>
    public string NetnsName { get; }

    /// <summary>Its IPv4 address.</summary>
    public IPAddress IPv4 { get; }

    /// <summary>Its IPv6 address.</summary>
    public IPAddress IPv6 { get; }

    /// <summary>The container cgroup's directory.</summary>
    public string CgroupPath { get; }

    /// <summary>The cgroup path below the cgroup v2 root, as /proc/PID/cgroup shows it (leading slash).</summary>
    public string CgroupRelativePath { get; }

    /// <summary>The cgroup id (the directory's inode): what bpf_get_current_cgroup_id returns.</summary>
    public ulong CgroupId { get; }

    /// <summary>The network namespace's inode.</summary>
    public uint NetnsInode { get; }

    /// <summary>Starts a process in the pod.</summary>
    public PodProcess Start(params string[] command) => Start(command, redirectInput: false);

    /// <summary>Starts a process in the pod, with its standard input redirected when asked.</summary>
    public PodProcess Start(IReadOnlyList<string> command, bool redirectInput)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new PodProcess(ProcessRunner.Start("/bin/sh", LauncherArgs(command), redirectInput));
    }

    /// <summary>Runs a command in the pod to its end.</summary>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync("/bin/sh", LauncherArgs(command), cancellationToken: cancellationToken);

    /// <summary>Waits until something listens on <paramref name="port"/> in the pod (TCP, or UDP when asked).</summary>
    public async Task WaitForListenerAsync(int port, bool udp = false, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var result = await ProcessRunner.RunAsync(
                "ip", ["netns", "exec", NetnsName, "ss", "-H", udp ? "-uln" : "-tln", $"sport = :{port}"], cancellationToken: cancellationToken);
            if (result.Succeeded && result.Stdout.Trim().Length > 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"nothing listens on {(udp ? "udp" : "tcp")} port {port} in pod {Name} ({NetnsName}): {result.Stderr.Trim()}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Makes processes started afterwards resolve names through <paramref name="server"/> (ip netns exec mounts it as /etc/resolv.conf); over TCP when asked.</summary>
    public void UseNameServer(IPAddress server, bool useTcp = false)
    {
        ArgumentNullException.ThrowIfNull(server);
        var dir = Path.Combine("/etc/netns", NetnsName);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "resolv.conf"), $"nameserver {server}\noptions timeout:1 attempts:2{(useTcp ? " use-vc" : string.Empty)}\n");
    }

    // The shell joins the cgroup, then execs `ip netns exec`, which execs the command: one pid throughout.
    private List<string> LauncherArgs(IReadOnlyList<string> command) =>
        ["-c", "echo $$ > \"$1/cgroup.procs\" && shift && exec ip netns exec \"$@\"", "sh", CgroupPath, NetnsName, .. command];
}
