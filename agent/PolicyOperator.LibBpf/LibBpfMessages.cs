using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>
/// libbpf's own messages on stderr. It prints a warning for every hook the kernel refuses; the
/// sensor probes optional hooks and reports what ran and why in its HookReport, so a user-facing
/// tool may turn those messages off.
/// </summary>
public static class LibBpfMessages
{
    /// <summary>Stops libbpf from printing (for the rest of the process).</summary>
    public static void Silence() => LibBpfNative.libbpf_set_print(IntPtr.Zero);
}
