namespace PolicyOperator.Sensor.Loading;

/// <summary>Where the cgroup v2 hierarchy is mounted (found in /proc/mounts: hybrid hosts mount it below /sys/fs/cgroup).</summary>
public static class CgroupV2
{
    /// <summary>The cgroup2 mount point; throws when there is none.</summary>
    public static string Root => FindRoot(File.ReadAllLines("/proc/mounts"))
        ?? throw new InvalidOperationException("no cgroup2 file system in /proc/mounts: the sensor's cgroup programs need cgroup v2");

    /// <summary>The first cgroup2 mount point in mounts text, or null.</summary>
    public static string? FindRoot(IEnumerable<string> mountLines)
    {
        ArgumentNullException.ThrowIfNull(mountLines);
        return mountLines
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 2 && fields[2] == "cgroup2")
            .Select(fields => fields[1].Replace("\\040", " ", StringComparison.Ordinal))
            .FirstOrDefault();
    }

    /// <summary>The cgroup id of a cgroup directory (its inode).</summary>
    public static ulong IdOf(string cgroupDirectory) => FileInode.Of(cgroupDirectory);
}
