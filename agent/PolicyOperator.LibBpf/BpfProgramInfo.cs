namespace PolicyOperator.LibBpf;

/// <summary>A loaded program as the kernel reports it (BPF_OBJ_GET_INFO_BY_FD).</summary>
/// <param name="Id">The kernel's program id (as bpftool shows it).</param>
/// <param name="Name">The name (truncated by the kernel to 15 characters).</param>
/// <param name="RunTimeNanoseconds">Total run time while statistics were on.</param>
/// <param name="RunCount">Runs while statistics were on.</param>
public sealed record BpfProgramInfo(uint Id, string Name, ulong RunTimeNanoseconds, ulong RunCount)
{
    /// <summary>Mean nanoseconds per run, or 0 before any run was counted.</summary>
    public double NanosecondsPerRun => RunCount == 0 ? 0 : (double)RunTimeNanoseconds / RunCount;
}
