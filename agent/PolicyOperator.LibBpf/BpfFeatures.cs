using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>What the running kernel supports, asked of the kernel itself (libbpf's feature probes).</summary>
public static class BpfFeatures
{
    /// <summary>
    /// True when the kernel loads a trivial program of this type. A loadable type may still fail to
    /// attach (kprobes without the kprobe PMU, fentry without trampolines): try the attach too.
    /// </summary>
    public static bool IsProgramTypeSupported(BpfProgramType type) =>
        LibBpfException.ThrowIfNegative(
            LibBpfNative.libbpf_probe_bpf_prog_type((int)type, IntPtr.Zero), $"libbpf_probe_bpf_prog_type({type})") == 1;
}
