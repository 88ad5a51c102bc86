using PolicyOperator.Sensor.Loading;

namespace PolicyOperator.Observation.Attribution;

/// <summary>
/// Names network namespaces by their inode: the names <c>ip netns</c> gives them (files in
/// <c>/run/netns</c>), and the node's own namespace (that of PID 1). Re-read on an unknown inode,
/// at most once per second. Thread-safe.
/// </summary>
public sealed class NetworkNamespaceNames
{
    private readonly Lock _gate = new();
    private readonly string _namedDirectory;
    private readonly string _procRoot;
    private readonly TimeProvider _time;
    private Dictionary<uint, string> _names = [];
    private uint? _hostInode;
    private DateTimeOffset _lastRead = DateTimeOffset.MinValue;

    /// <summary>Reads names from <paramref name="namedDirectory"/> and the node's namespace from <paramref name="procRoot"/>/1.</summary>
    public NetworkNamespaceNames(string namedDirectory = "/run/netns", string procRoot = "/proc", TimeProvider? time = null)
    {
        _namedDirectory = namedDirectory;
        _procRoot = procRoot;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The inode of the node's own network namespace: PID 1's, or where that cannot be read (a
    /// sandbox), this process's own; 0 when neither can be read.
    /// </summary>
    public uint HostInode
    {
        get
        {
            lock (_gate)
            {
                _hostInode ??= TryInode(Path.Combine(_procRoot, "1", "ns", "net")) is var pid1 and not 0 ? pid1 : TryInode("/proc/self/ns/net");
                return _hostInode.Value;
            }
        }
    }

    /// <summary>The name of a namespace, or null when it has none.</summary>
    public string? NameOf(uint inode)
    {
        lock (_gate)
        {
            if (_names.TryGetValue(inode, out var name))
            {
                return name;
            }

            var now = _time.GetUtcNow();
            if (now - _lastRead < TimeSpan.FromSeconds(1))
            {
                return null;
            }

            _lastRead = now;
            var names = new Dictionary<uint, string>(_names);
            if (Directory.Exists(_namedDirectory))
            {
                foreach (var file in Directory.EnumerateFiles(_namedDirectory))
                {
                    if (TryInode(file) is var found and not 0)
                    {
                        names[found] = Path.GetFileName(file);
                    }
                }
            }

            _names = names;
            return _names.GetValueOrDefault(inode);
        }
    }

    private static uint TryInode(string path)
    {
        try
        {
            return (uint)FileInode.Of(path);
        }
        catch (IOException)
        {
            return 0; // gone, or not ours to read
        }
    }
}
