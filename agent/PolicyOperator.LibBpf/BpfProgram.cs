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
