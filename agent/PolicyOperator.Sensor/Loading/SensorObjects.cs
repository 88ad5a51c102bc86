using PolicyOperator.LibBpf;
using PolicyOperator.Sensor.Events;
using PolicyOperator.Sensor.Hooks;

namespace PolicyOperator.Sensor.Loading;

/// <summary>
/// The loaded flow programs: opens each object, sets its knobs, gives every object the same shared
/// maps (pinned when asked, so a restart finds them), loads, attaches, and records which hooks run.
/// Disposing detaches everything; pinned maps stay.
/// </summary>
public sealed class SensorObjects : IDisposable
{
    private readonly SensorOptions _options;
    private readonly List<BpfObject> _objects = [];
    private readonly List<BpfLink> _links = [];
    private readonly Dictionary<string, BpfMap> _shared = new(StringComparer.Ordinal);
    private readonly List<HookStatus> _hooks = [];

    private SensorObjects(SensorOptions options)
    {
        _options = options;
    }

    /// <summary>The hooks tried, active or refused.</summary>
    public HookReport Hooks => new([.. _hooks]);

    /// <summary>A shared map by name (<see cref="FlowNames"/>).</summary>
    public BpfMap Map(string name) => _shared.TryGetValue(name, out var map)
        ? map
        : throw new KeyNotFoundException($"no shared BPF map '{name}'");

    /// <summary>Loads and attaches everything the kernel allows.</summary>
    public static SensorObjects Load(SensorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var objects = new SensorObjects(options);
        try
        {
            objects.LoadAll();
            return objects;
        }
        catch
        {
            objects.Dispose();
            throw;
        }
    }

    private void LoadAll()
    {
        var tcp = Open(FlowNames.TcpObject, first: true);
        tcp.Load();
        Share(tcp);
        Attach("tracepoint/sock/inet_sock_set_state", tcp.Program("tcp_state_change"), p => p.Attach());

        var cgroup = _options.CgroupPath ?? CgroupV2.Root;
        var udp = Open(FlowNames.UdpDnsObject, first: false);
        udp.Load();
        Attach("cgroup/sock_create", udp.Program("sock_create"), p => p.AttachCgroup(cgroup));
        Attach("cgroup_skb/egress", udp.Program("packet_egress"), p => p.AttachCgroup(cgroup));
        Attach("cgroup_skb/ingress", udp.Program("packet_ingress"), p => p.AttachCgroup(cgroup));

        if (!_options.TrySendmsgHooks)
        {
            foreach (var (hook, program) in SendmsgHooks.Fexit.Concat(SendmsgHooks.Kprobe))
            {
                _hooks.Add(new HookStatus(hook, program, false, "not tried: disabled by configuration"));
            }

            return;
        }

        // The seed design's hooks: fexit first (cheaper), kprobes next; the first kind that loads
        // and attaches runs, and the refusals are reported with the kernel's reason.
        if (!TryHookFamily(SendmsgHooks.Fexit))
        {
            TryHookFamily(SendmsgHooks.Kprobe);
        }
        else
        {
            foreach (var (hook, program) in SendmsgHooks.Kprobe)
            {
                _hooks.Add(new HookStatus(hook, program, false, "not needed: the fexit hooks run"));
            }
        }
    }

    private bool TryHookFamily(IReadOnlyList<(string Hook, string Program)> family)
    {
        var bpf = Open(FlowNames.SendmsgObject, first: false, register: false);
        var links = new List<BpfLink>();
        string failure;
        try
        {
            foreach (var program in bpf.Programs)
            {
                program.SetAutoload(family.Any(f => f.Program == program.Name));
            }

            bpf.Load();
            foreach (var (_, program) in family)
            {
                links.Add(bpf.Program(program).Attach());
            }

            _objects.Add(bpf);
            _links.AddRange(links);
            foreach (var (hook, program) in family)
            {
                _hooks.Add(new HookStatus(hook, program, true, "loaded and attached"));
            }

            return true;
        }
        catch (LibBpfException e)
        {
            failure = e.Message;
        }

        foreach (var link in links)
        {
            link.Dispose();
        }

        bpf.Dispose();
        foreach (var (hook, program) in family)
        {
            _hooks.Add(new HookStatus(hook, program, false, $"refused by the kernel: {failure}"));
        }

        return false;
    }

    private BpfObject Open(string objectName, bool first, bool register = true)
    {
        var bpf = BpfObject.Open(BpfObjectFiles.PathOf(objectName));
        if (register)
        {
            _objects.Add(bpf);
        }

        var rodata = bpf.Maps.FirstOrDefault(m => m.Name.EndsWith(".rodata", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{objectName} has no .rodata section for its sensor_config knobs");
        rodata.SetInitialValue(new SensorConfigRaw
        {
            ReportIntervalNs = (ulong)(_options.ReportInterval.Ticks * 100),
            DnsPort = _options.DnsPort,
        });

        foreach (var name in FlowNames.SharedMaps)
        {
            if (bpf.FindMap(name) is not { } map)
            {
                continue;
            }

            if (!first)
            {
                map.ReuseFrom(Map(name));
                continue;
            }

            if (name == FlowNames.FlowsMap)
            {
                map.SetMaxEntries(_options.FlowMapEntries);
            }
            else if (name == FlowNames.FlowEventsMap)
            {
                map.SetMaxEntries(_options.FlowRingBufferBytes);
            }
            else if (name == FlowNames.DnsEventsMap)
            {
                map.SetMaxEntries(_options.DnsRingBufferBytes);
            }

            if (_options.PinDirectory is { } pins && FlowNames.PinnedMaps.Contains(name))
            {
                map.PinPath = Path.Combine(pins, name);
            }
        }

        return bpf;
    }

    private void Share(BpfObject loaded)
    {
        foreach (var name in FlowNames.SharedMaps)
        {
            _shared[name] = loaded.Map(name);
        }
    }

    private void Attach(string hook, BpfProgram program, Func<BpfProgram, BpfLink> attach)
    {
        // The always-on hooks are required: a failure ends the start with the kernel's reason.
        _links.Add(attach(program));
        _hooks.Add(new HookStatus(hook, program.Name, true, "loaded and attached"));
    }

    /// <summary>Each loaded program's kernel facts.</summary>
    public IReadOnlyList<BpfProgramInfo> ProgramInfos() =>
        [.. _objects.SelectMany(o => o.Programs).Where(p => p.FileDescriptor >= 0).Select(p => p.ReadInfo())];

    /// <summary>Kernel memory of every map the objects hold, each kernel map once (from /proc/self/fdinfo).</summary>
    public long MapMemoryBytes()
    {
        var perMap = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var map in _objects.SelectMany(o => o.Maps).Where(m => m.FileDescriptor >= 0))
        {
            var fields = File.ReadLines($"/proc/self/fdinfo/{map.FileDescriptor}")
                .Select(l => l.Split(':', 2, StringSplitOptions.TrimEntries))
                .Where(f => f.Length == 2)
                .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
            if (fields.TryGetValue("map_id", out var id) && fields.TryGetValue("memlock", out var memlock) &&
                long.TryParse(memlock, System.Globalization.CultureInfo.InvariantCulture, out var bytes))
            {
                perMap[id] = bytes;
            }
        }

        return perMap.Values.Sum();
    }

    /// <summary>Detaches every program and closes the objects (pinned maps stay pinned).</summary>
    public void Dispose()
    {
        foreach (var link in _links)
        {
            link.Dispose();
        }

        _links.Clear();
        foreach (var bpf in Enumerable.Reverse(_objects))
        {
            bpf.Dispose();
        }

        _objects.Clear();
    }
}
