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
public sealed class NetnsCluster : IDisposable
{
    private const string KubepodsSlice = "kubepods.slice";
    private const string BesteffortSlice = "kubepods-besteffort.slice";

    private readonly List<Pod> _pods = [];
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
    public string SwitchNetns => $"po{Id}-sw";

    /// <summary>The pods, in creation order.</summary>
    public IReadOnlyList<Pod> Pods => _pods;

    /// <summary>Creates the bridge namespace; add pods with <see cref="AddPodAsync"/>.</summary>
    public static async Task<NetnsCluster> CreateAsync(CancellationToken cancellationToken = default)
    {
        PrivilegedEnvironment.Require();
        var cgroupRoot = File.ReadLines("/proc/mounts")
            .Select(l => l.Split(' '))
            .FirstOrDefault(f => f.Length > 2 && f[2] == "cgroup2")?[1]
            ?? throw new InvalidOperationException("no cgroup2 mount in /proc/mounts");
        var cluster = new NetnsCluster(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), RandomNumberGenerator.GetInt32(1, 255), cgroupRoot);
        try
        {
            await IpAsync(cancellationToken, "netns", "add", cluster.SwitchNetns);
            await IpAsync(cancellationToken, "-n", cluster.SwitchNetns, "link", "add", "br0", "type", "bridge");
            await IpAsync(cancellationToken, "-n", cluster.SwitchNetns, "link", "set", "br0", "up");
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Adds a pod: namespace, veth to the bridge, addresses, cgroup.</summary>
    public async Task<Pod> AddPodAsync(string name, string kubernetesNamespace = "default", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var index = _pods.Count + 2;
        var netns = $"po{Id}-{index}";
        var uid = Guid.NewGuid().ToString();
        var containerId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var relative = string.Join('/',
            KubepodsSlice,
            BesteffortSlice,
            $"kubepods-besteffort-pod{uid.Replace('-', '_')}.slice",
            $"cri-containerd-{containerId}.scope");
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
        Directory.CreateDirectory(cgroupPath);

        var pod = new Pod(name, kubernetesNamespace, uid, containerId, netns, ipv4, ipv6, cgroupPath, "/" + relative,
            await InodeAsync(cgroupPath, cancellationToken), (uint)await InodeAsync($"/run/netns/{netns}", cancellationToken));
        _pods[slot] = pod;
        return pod;
    }

    /// <summary>Kills the pods' processes, removes cgroups, namespaces and resolver files.</summary>
    public void Dispose()
    {
        var errors = new List<string>();
        foreach (var pod in _pods)
        {
            KillAll(pod.CgroupPath);
            TryDelete(pod.CgroupPath, errors);
            TryDelete(Path.GetDirectoryName(pod.CgroupPath)!, errors);
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
