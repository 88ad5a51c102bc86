using Microsoft.Win32.SafeHandles;
using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>
/// Turns on the kernel's per-program run-time statistics (BPF_ENABLE_STATS) for as long as the
/// returned handle is open. It costs a little on every program run, so only measurements use it.
/// </summary>
public static class BpfStatistics
{
    /// <summary>Enables run-time statistics until the handle is disposed.</summary>
    public static IDisposable Enable()
    {
        var fd = LibBpfException.ThrowIfNegative(LibBpfNative.bpf_enable_stats(0), "bpf_enable_stats(BPF_STATS_RUN_TIME)");
        return new SafeFileHandle(fd, ownsHandle: true);
    }
}
