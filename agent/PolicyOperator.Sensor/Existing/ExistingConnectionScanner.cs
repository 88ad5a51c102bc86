using System.Net.Sockets;
using System.Text;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Events;
using PolicyOperator.Sensor.Loading;

namespace PolicyOperator.Sensor.Existing;

/// <summary>
/// Finds the TCP connections that were open before the sensor started, in every network namespace
/// a process lives in: /proc/PID/net/tcp{,6} from one process per namespace, the socket's owner from
/// /proc/PID/fd, its cgroup from /proc/PID/cgroup. A connection whose local port listens in the
/// same namespace was accepted (ingress). When nothing listens there any more (a server that
/// accepted once and closed its listener), the ephemeral port range decides: a local port in it
/// and a remote port outside it was initiated here (egress), the reverse accepted (ingress).
/// </summary>
public sealed class ExistingConnectionScanner(string procRoot = "/proc", string? cgroupRoot = null)
{
    /// <summary>The connections found, as flow observations of one connection each.</summary>
    public IReadOnlyList<(FlowKeyRaw Key, FlowValueRaw Value)> Scan() => ScanAll().Connections;

    /// <summary>
    /// The connections found, and the listening ports with the processes that listen (so that a
    /// later accept on a port that listened before the sensor started names its process).
    /// </summary>
    public (IReadOnlyList<(FlowKeyRaw Key, FlowValueRaw Value)> Connections, IReadOnlyList<(ListenerKeyRaw Key, ListenerValueRaw Value)> Listeners) ScanAll()
    {
        var processes = ReadProcesses();
        var ephemeral = ReadEphemeralRange();
        var now = KernelClock.NowNs;
        var found = new List<(FlowKeyRaw, FlowValueRaw)>();
        var listeners = new List<(ListenerKeyRaw, ListenerValueRaw)>();
        foreach (var namespaceGroup in processes.Values.GroupBy(p => p.Netns))
        {
            var owners = new Dictionary<ulong, ProcessFacts>();
            foreach (var process in namespaceGroup)
            {
                foreach (var socket in process.Sockets)
                {
                    owners.TryAdd(socket, process);
                }
            }

            var reader = namespaceGroup.First();
            var entries = ReadTcp(reader.Pid, "tcp").Concat(ReadTcp(reader.Pid, "tcp6")).ToList();
            var listening = entries.Where(e => e.State == ProcNetTcpParser.Listen).Select(e => e.LocalPort).ToHashSet();
            foreach (var entry in entries.Where(e => e.State == ProcNetTcpParser.Listen))
            {
                if (owners.TryGetValue(entry.Inode, out var listener))
                {
                    listeners.Add((new ListenerKeyRaw { NetnsInode = namespaceGroup.Key, Port = entry.LocalPort, Family = FamilyOf(entry) }, ToListener(listener)));
                }
            }

            foreach (var entry in entries.Where(e => e.State == ProcNetTcpParser.Established))
            {
                if (!owners.TryGetValue(entry.Inode, out var owner))
                {
                    continue;
                }

                var ingress = listening.Contains(entry.LocalPort) ||
                    (!IsEphemeral(entry.LocalPort, ephemeral) && IsEphemeral(entry.RemotePort, ephemeral));
                found.Add((ToKey(entry, namespaceGroup.Key, owner.CgroupId, ingress), ToValue(owner, now)));
            }
        }

        return (found, listeners);
    }

    private static ushort FamilyOf(ProcNetTcpEntry entry) =>
        entry.LocalAddress.AddressFamily == AddressFamily.InterNetwork ? FlowNames.AfInet : FlowNames.AfInet6;

    private static unsafe ListenerValueRaw ToListener(ProcessFacts owner)
    {
        var value = new ListenerValueRaw { Pid = (uint)owner.Pid, Tid = (uint)owner.Pid };
        var comm = Encoding.UTF8.GetBytes(owner.Comm);
        comm.AsSpan(0, Math.Min(comm.Length, 15)).CopyTo(new Span<byte>(value.Comm, 16));
        return value;
    }

    private static bool IsEphemeral(ushort port, (int Low, int High) range) => port >= range.Low && port <= range.High;

    private (int Low, int High) ReadEphemeralRange()
    {
        try
        {
            var fields = File.ReadAllText(Path.Combine(procRoot, "sys", "net", "ipv4", "ip_local_port_range"))
                .Split(['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return (32768, 60999); // the kernel's default
        }
    }

    private static unsafe FlowKeyRaw ToKey(ProcNetTcpEntry entry, uint netns, ulong cgroupId, bool ingress)
    {
        var key = new FlowKeyRaw
        {
            CgroupId = cgroupId,
            NetnsInode = netns,
            Family = FamilyOf(entry),
            Protocol = (byte)FlowProtocol.Tcp,
            Direction = (byte)(ingress ? FlowDirection.Ingress : FlowDirection.Egress),
            Port = ingress ? entry.LocalPort : entry.RemotePort,
        };
        entry.LocalAddress.GetAddressBytes().CopyTo(new Span<byte>(key.LocalAddress, 16));
        entry.RemoteAddress.GetAddressBytes().CopyTo(new Span<byte>(key.RemoteAddress, 16));
        return key;
    }

    private static unsafe FlowValueRaw ToValue(ProcessFacts owner, ulong now)
    {
        var value = new FlowValueRaw
        {
            FirstSeenNs = now,
            LastSeenNs = now,
            LastReportNs = now,
            Connections = 1,
            Pid = (uint)owner.Pid,
            Tid = (uint)owner.Pid,
        };
        var comm = Encoding.UTF8.GetBytes(owner.Comm);
        comm.AsSpan(0, Math.Min(comm.Length, 15)).CopyTo(new Span<byte>(value.Comm, 16));
        return value;
    }

    private Dictionary<int, ProcessFacts> ReadProcesses()
    {
        var root = cgroupRoot ?? CgroupV2.Root;
        var processes = new Dictionary<int, ProcessFacts>();
        foreach (var dir in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var netns = (uint)FileInode.Of(Path.Combine(dir, "ns", "net"));
                var sockets = new List<ulong>();
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) &&
                        ulong.TryParse(target.AsSpan(8, target.Length - 9), out var inode))
                    {
                        sockets.Add(inode);
                    }
                }

                if (sockets.Count == 0)
                {
                    continue;
                }

                var cgroupPath = File.ReadLines(Path.Combine(dir, "cgroup"))
                    .FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..] ?? "/";
                var cgroupId = CgroupV2.IdOf(Path.Combine(root, cgroupPath.TrimStart('/')));
                var comm = File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd('\n');
                processes[pid] = new ProcessFacts(pid, netns, cgroupId, comm, sockets);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read, or is not ours to read: nothing to report.
            }
        }

        return processes;
    }

    private IEnumerable<ProcNetTcpEntry> ReadTcp(int pid, string file)
    {
        var path = Path.Combine(procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "net", file);
        try
        {
            return ProcNetTcpParser.Parse(File.ReadAllLines(path));
        }
        catch (IOException)
        {
            return [];
        }
    }

    private sealed record ProcessFacts(int Pid, uint Netns, ulong CgroupId, string Comm, List<ulong> Sockets);
}
