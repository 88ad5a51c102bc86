using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>A program inside a <see cref="BpfObject"/>; owned by the object.</summary>
public sealed class BpfProgram
{
    private readonly BpfObject _owner;
    private readonly IntPtr _raw;

    internal BpfProgram(BpfObject owner, IntPtr raw)
    {
        _owner = owner;
        _raw = raw;
    }

    /// <summary>The C function name.</summary>
    public string Name => BpfObject.ReadString(LibBpfNative.bpf_program__name(Raw)) ?? string.Empty;

    /// <summary>The ELF section, which tells libbpf the program type and attach point.</summary>
    public string SectionName => BpfObject.ReadString(LibBpfNative.bpf_program__section_name(Raw)) ?? string.Empty;

    /// <summary>The kernel file descriptor, once loaded.</summary>
    public int FileDescriptor => LibBpfNative.bpf_program__fd(Raw);

    /// <summary>Whether <see cref="BpfObject.Load"/> loads this program. Set before loading.</summary>
    public void SetAutoload(bool autoload) =>
        LibBpfException.ThrowIfNegative(LibBpfNative.bpf_program__set_autoload(Raw, autoload), $"bpf_program__set_autoload({Name})");

    /// <summary>Attaches at the point its section names (tracepoint, raw tracepoint, ...).</summary>
    public BpfLink Attach() =>
        new(new BpfLinkHandle(LibBpfException.ThrowIfNull(LibBpfNative.bpf_program__attach(Raw), $"bpf_program__attach({Name})")));

    /// <summary>Attaches a cgroup program to the cgroup (v2) directory open as <paramref name="cgroupFd"/>.</summary>
    public BpfLink AttachCgroup(int cgroupFd) =>
        new(new BpfLinkHandle(LibBpfException.ThrowIfNull(
            LibBpfNative.bpf_program__attach_cgroup(Raw, cgroupFd), $"bpf_program__attach_cgroup({Name})")));

    /// <summary>
    /// The kernel's facts about the loaded program: id, name and, while statistics are on
    /// (<see cref="BpfStatistics.Enable"/>), how often it ran and for how long.
    /// </summary>
    public unsafe BpfProgramInfo ReadInfo()
    {
        // struct bpf_prog_info (uapi, append-only): id at 4, name[16] at 64, run_time_ns at 192, run_cnt at 200.
        const int InfoSize = 232;
        var buffer = stackalloc byte[InfoSize];
        new Span<byte>(buffer, InfoSize).Clear();
        var length = (uint)InfoSize;
        LibBpfException.ThrowIfNegative(LibBpfNative.bpf_obj_get_info_by_fd(FileDescriptor, buffer, &length), $"bpf_obj_get_info_by_fd({Name})");
        var name = new ReadOnlySpan<byte>(buffer + 64, 16);
        var end = name.IndexOf((byte)0);
        return new BpfProgramInfo(
            *(uint*)(buffer + 4),
            System.Text.Encoding.UTF8.GetString(end < 0 ? name : name[..end]),
            length >= 208 ? *(ulong*)(buffer + 192) : 0,
            length >= 208 ? *(ulong*)(buffer + 200) : 0);
    }

    /// <summary>Attaches a cgroup program to the cgroup v2 directory at <paramref name="cgroupPath"/>.</summary>
    public BpfLink AttachCgroup(string cgroupPath)
    {
        var fd = Native.LibC.Open(cgroupPath, Native.LibC.ORdOnly | Native.LibC.ODirectory | Native.LibC.OCloexec);
        if (fd < 0)
        {
            throw new LibBpfException($"open({cgroupPath})", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        }

        try
        {
            return AttachCgroup(fd);
        }
        finally
        {
            _ = Native.LibC.Close(fd); // the link holds its own reference to the cgroup
        }
    }

    private IntPtr Raw
    {
        get
        {
            _ = _owner.Raw; // throws once the owning object is disposed
            return _raw;
        }
    }
}
