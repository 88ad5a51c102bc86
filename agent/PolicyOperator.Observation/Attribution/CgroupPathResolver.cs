using PolicyOperator.Sensor.Loading;

namespace PolicyOperator.Observation.Attribution;

/// <summary>
/// Resolves cgroup ids (what the kernel reports with each flow) to cgroup paths by walking the
/// cgroup v2 mount: a cgroup directory's inode is its id. Paths are cached; an unknown id walks the
/// tree again (at most once per <see cref="RewalkInterval"/>, new pods make new cgroups), and ids
/// still unknown after that are counted in <see cref="Misses"/>. Thread-safe.
/// </summary>
public sealed class CgroupPathResolver
{
    /// <summary>The least time between two walks of the tree caused by unknown ids.</summary>
    public static readonly TimeSpan RewalkInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly string _root;
    private readonly TimeProvider _time;
    private Dictionary<ulong, string> _paths = [];
    private DateTimeOffset _lastWalk = DateTimeOffset.MinValue;
    private long _misses;

    /// <summary>Resolves under <paramref name="root"/> (default: the cgroup2 mount point).</summary>
    public CgroupPathResolver(string? root = null, TimeProvider? time = null)
    {
        _root = root ?? CgroupV2.Root;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Lookups that found no cgroup (the cgroup was gone, or is newer than the last walk).</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>The path of a cgroup relative to the mount (<c>/kubepods.slice/...</c>, <c>/</c> for the root), or null.</summary>
    public string? PathOf(ulong cgroupId)
    {
        lock (_gate)
        {
            if (_paths.TryGetValue(cgroupId, out var path))
            {
                return path;
            }

            var now = _time.GetUtcNow();
            if (now - _lastWalk >= RewalkInterval)
            {
                _paths = Walk();
                _lastWalk = now;
                if (_paths.TryGetValue(cgroupId, out path))
                {
                    return path;
                }
            }

            _misses++;
            return null;
        }
    }

    private Dictionary<ulong, string> Walk()
    {
        // Keep what was known: a cgroup removed since (a finished pod) still names its past flows.
        var paths = new Dictionary<ulong, string>(_paths);
        var pending = new Stack<string>();
        pending.Push(_root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            try
            {
                var relative = "/" + Path.GetRelativePath(_root, directory).Replace('\\', '/');
                paths[FileInode.Of(directory)] = relative == "/." ? "/" : relative;
                foreach (var child in Directory.EnumerateDirectories(directory))
                {
                    pending.Push(child);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // removed while walking, or not readable: its flows stay unattributed and are counted
            }
        }

        return paths;
    }
}
