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
    private readonly List<Attachment> _attachments = [];
    private readonly Dictionary<string, BpfMap> _shared = new(StringComparer.Ordinal);
    private readonly List<HookStatus> _hooks = [];
    private BpfObject? _tcp;

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
        LoadTcp();

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
        var counting = TryHookFamily(SendmsgHooks.Fexit);
        if (!counting)
        {
            counting = TryHookFamily(SendmsgHooks.Kprobe);
        }
        else
        {
            foreach (var (hook, program) in SendmsgHooks.Kprobe)
            {
                _hooks.Add(new HookStatus(hook, program, false, "not needed: the fexit hooks run"));
            }
        }

        if (counting)
        {
            // The hooks count every byte as it flows: the TCP program's closes must add none.
            SectionMap(_tcp!, FlowNames.TcpObject, ".bss", "bytes_counted_by_io_hooks").Update(0u, 1u);
        }
    }

    // The BTF flavour of the state tracepoint first: the kernel builds no trace record for it and
    // its socket reads are plain loads, which makes it the cheaper of the two. The classic
    // tracepoint runs where tp_btf is refused (kernels before 5.9, which lack bpf_skc_to_tcp_sock) or
    // turned off.
    private void LoadTcp()
    {
        var (btfHook, btfProgram) = TcpStateHooks.Btf;
        var (classicHook, classicProgram) = TcpStateHooks.Classic;
        if (_options.PreferBtfTracepoint)
        {
            var btf = Open(FlowNames.TcpObject, first: true, register: false);
            try
            {
                LoadOnly(btf, [btfProgram]);
                Attach(btfHook, btf.Program(btfProgram), p => p.Attach());
                _objects.Add(btf);
                _tcp = btf;
                Share(btf);
                _hooks.Add(new HookStatus(classicHook, classicProgram, false, "not needed: the tp_btf hook runs"));
                return;
            }
            catch (LibBpfException e)
            {
                btf.Dispose();
                _hooks.Add(new HookStatus(btfHook, btfProgram, false, $"refused by the kernel: {e.Message}"));
            }
        }
        else
        {
            _hooks.Add(new HookStatus(btfHook, btfProgram, false, "not tried: disabled by configuration"));
        }

        var classic = Open(FlowNames.TcpObject, first: true);
        _tcp = classic;
        LoadOnly(classic, [classicProgram]);
        Share(classic);
        Attach(classicHook, classic.Program(classicProgram), p => p.Attach());
    }

    // Loads the named programs of an object and none of the others.
    private static void LoadOnly(BpfObject bpf, IReadOnlyCollection<string> programNames)
    {
        foreach (var program in bpf.Programs)
        {
            program.SetAutoload(programNames.Contains(program.Name));
        }

        bpf.Load();
    }

    private bool TryHookFamily(IReadOnlyList<(string Hook, string Program)> family)
    {
        var bpf = Open(FlowNames.SendmsgObject, first: false, register: false);
        var attachments = new List<Attachment>();
        string failure;
        try
        {
            LoadOnly(bpf, [.. family.Select(f => f.Program)]);
            foreach (var (_, program) in family)
            {
                attachments.Add(Attachment.Attach(bpf.Program(program), p => p.Attach()));
            }

            _objects.Add(bpf);
            _attachments.AddRange(attachments);
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

        foreach (var attachment in attachments)
        {
            attachment.Detach();
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

        SectionMap(bpf, objectName, ".rodata", "its sensor_config knobs").SetInitialValue(new SensorConfigRaw
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

    // The map libbpf makes of an object's global-variable section (named "<object>.rodata" and so on).
    private static BpfMap SectionMap(BpfObject bpf, string objectName, string section, string purpose) =>
        bpf.Maps.FirstOrDefault(m => m.Name.EndsWith(section, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{objectName} has no {section} section for {purpose}");

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
        _attachments.Add(Attachment.Attach(program, attach));
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

    /// <summary>
    /// Detaches every program: the kernel stops running them, and the programs and maps stay loaded
    /// with their contents. <see cref="Reattach"/> undoes it. Benchmarks use the pair to compare
    /// with and without the sensor in one run, without loading the programs again.
    /// </summary>
    public void Detach()
    {
        foreach (var attachment in _attachments)
        {
            attachment.Detach();
        }
    }

    /// <summary>Attaches again every program that <see cref="Detach"/> detached.</summary>
    public void Reattach()
    {
        foreach (var attachment in _attachments)
        {
            attachment.Reattach();
        }
    }

    /// <summary>Detaches every program and closes the objects (pinned maps stay pinned).</summary>
    public void Dispose()
    {
        Detach();
        _attachments.Clear();
        foreach (var bpf in Enumerable.Reverse(_objects))
        {
            bpf.Dispose();
        }

        _objects.Clear();
    }

    /// <summary>A program and how it attaches, so that it can be detached and attached again.</summary>
    private sealed class Attachment(BpfProgram program, Func<BpfProgram, BpfLink> attach)
    {
        private BpfLink? _link;

        public static Attachment Attach(BpfProgram program, Func<BpfProgram, BpfLink> attach)
        {
            var attachment = new Attachment(program, attach);
            attachment.Reattach();
            return attachment;
        }

        public void Reattach() => _link ??= attach(program);

        public void Detach()
        {
            _link?.Dispose();
            _link = null;
        }
    }
}
