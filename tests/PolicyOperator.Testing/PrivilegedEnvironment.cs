namespace PolicyOperator.Testing;

/// <summary>
/// What privileged tests need (root: BPF, network namespaces, cgroups) and the kernel file
/// systems they use, mounted when missing.
/// </summary>
public static class PrivilegedEnvironment
{
    /// <summary>True when running under CI (CI=true): missing privileges fail instead of skipping.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why privileged tests cannot run here, or null when they can.</summary>
    public static string? MissingReason
    {
        get
        {
            if (!OperatingSystem.IsLinux())
            {
                return "privileged tests need Linux (eBPF, network namespaces, cgroups)";
            }

            if (Environment.UserName != "root" && GetEffectiveUid() != 0)
            {
                return $"privileged tests need root (BPF, network namespaces, cgroups); running as '{Environment.UserName}'";
            }

            return null;
        }
    }

    /// <summary>Fails the test with the reason when privileges are missing; mounts tracefs and bpffs when absent.</summary>
    public static void Require()
    {
        if (MissingReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        EnsureMounted("/sys/kernel/tracing", "tracefs", "tracefs", "sock");
        EnsureMounted("/sys/fs/bpf", "bpf", "bpf", null);
    }

    private static void EnsureMounted(string path, string type, string source, string? probeEntry)
    {
        var mounts = File.ReadAllLines("/proc/mounts");
        if (mounts.Any(line => line.Split(' ') is [_, var mountPoint, var fsType, ..] && mountPoint == path && fsType == type))
        {
            return;
        }

        if (probeEntry is not null && Directory.Exists(Path.Combine(path, "events", probeEntry)))
        {
            return;
        }

        // Require() is synchronous (called first thing in each test); mounting is a one-off.
        ProcessRunner.RunCheckedAsync("mount", ["-t", type, source, path]).GetAwaiter().GetResult();
    }

    private static uint GetEffectiveUid()
    {
        // /proc/self/status "Uid:\treal\teffective\t..." avoids a P/Invoke for geteuid.
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return line?.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, _, var effective, ..] && uint.TryParse(effective, out var uid)
            ? uid
            : uint.MaxValue;
    }
}
