using System.Globalization;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;

namespace PolicyOperator.Demo.Cleanup;

/// <summary>
/// Removes what earlier demo runs left behind when they were killed before they could clean up
/// (SIGKILL, a crash, a closed terminal): their processes, pod cgroups and network namespaces (the
/// iptables rules of the kube-proxy stand-in live in those namespaces and go with them). Records whose
/// run is still going are left alone.
/// </summary>
internal static class LeftoverCleanup
{
    /// <summary>Cleans up after every finished run recorded in <paramref name="directory"/>; returns what was removed.</summary>
    public static async Task<IReadOnlyList<string>> RemoveAsync(string directory, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        if (!Directory.Exists(directory))
        {
            return removed;
        }

        foreach (var file in Directory.GetFiles(directory, "*.run").Order(StringComparer.Ordinal))
        {
            var run = RunRecord.Read(file);
            if (run.OwnerIsRunning)
            {
                continue;
            }

            foreach (var process in run.Processes.Where(p => p.IsRunning))
            {
                Kill(process.Pid);
                removed.Add($"process {process.Pid}");
            }

            var namespaces = run.ClusterId is { } id ? await NamespacesOfAsync(id, cancellationToken) : [];
            foreach (var netns in namespaces)
            {
                // Processes in a namespace without a recorded cgroup (a pod being created when the run was killed).
                var pids = await ProcessRunner.RunAsync("ip", ["netns", "pids", netns], cancellationToken: cancellationToken);
                foreach (var pid in pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    Kill(int.Parse(pid, CultureInfo.InvariantCulture));
                }
            }

            foreach (var cgroup in run.Cgroups.Where(Directory.Exists))
            {
                await RemoveCgroupAsync(cgroup, cancellationToken);
                removed.Add($"cgroup {cgroup}");
            }

            foreach (var netns in namespaces.OrderBy(n => n.EndsWith("-sw", StringComparison.Ordinal)))
            {
                await ProcessRunner.RunAsync("ip", ["netns", "del", netns], cancellationToken: cancellationToken);
                var resolver = Path.Combine("/etc/netns", netns);
                if (Directory.Exists(resolver))
                {
                    Directory.Delete(resolver, recursive: true);
                }

                removed.Add($"network namespace {netns}");
            }

            File.Delete(file);
        }

        return removed;
    }

    /// <summary>The network namespaces of the test cluster <paramref name="clusterId"/> that exist now.</summary>
    public static async Task<IReadOnlyList<string>> NamespacesOfAsync(string clusterId, CancellationToken cancellationToken)
    {
        var prefix = NetnsCluster.NetnsNamePrefix(clusterId);
        var list = await ProcessRunner.RunAsync("ip", ["netns", "list"], cancellationToken: cancellationToken);
        // Lines are "name" or "name (id: N)".
        return list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
    }

    private static async Task RemoveCgroupAsync(string cgroup, CancellationToken cancellationToken)
    {
        var kill = Path.Combine(cgroup, "cgroup.kill");
        if (File.Exists(kill))
        {
            await File.WriteAllTextAsync(kill, "1", cancellationToken);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(cgroup); // rmdir: a cgroup is removed empty, never recursively
                break;
            }
            catch (IOException) when (attempt < 100)
            {
                await Task.Delay(50, cancellationToken); // its processes are still exiting
            }
        }

        // The pod's slice, then the shared QoS parents, each only once empty (another run may use them).
        for (var parent = Path.GetDirectoryName(cgroup); parent is not null && Path.GetFileName(parent).StartsWith("kubepods", StringComparison.Ordinal); parent = Path.GetDirectoryName(parent))
        {
            try
            {
                Directory.Delete(parent);
            }
            catch (IOException)
            {
                break;
            }
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
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
}
