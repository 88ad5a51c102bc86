namespace PolicyOperator.LibBpf;

/// <summary>Kernel program types (<c>enum bpf_prog_type</c>) the sensor probes for.</summary>
public enum BpfProgramType
{
    /// <summary>BPF_PROG_TYPE_SOCKET_FILTER.</summary>
    SocketFilter = 1,

    /// <summary>BPF_PROG_TYPE_KPROBE (kprobes and kretprobes).</summary>
    Kprobe = 2,

    /// <summary>BPF_PROG_TYPE_SCHED_CLS (TC).</summary>
    SchedCls = 3,

    /// <summary>BPF_PROG_TYPE_TRACEPOINT.</summary>
    Tracepoint = 5,

    /// <summary>BPF_PROG_TYPE_CGROUP_SKB.</summary>
    CgroupSkb = 8,

    /// <summary>BPF_PROG_TYPE_CGROUP_SOCK.</summary>
    CgroupSock = 9,

    /// <summary>BPF_PROG_TYPE_SOCK_OPS.</summary>
    SockOps = 13,

    /// <summary>BPF_PROG_TYPE_RAW_TRACEPOINT.</summary>
    RawTracepoint = 17,

    /// <summary>BPF_PROG_TYPE_CGROUP_SOCK_ADDR.</summary>
    CgroupSockAddr = 18,

    /// <summary>BPF_PROG_TYPE_TRACING (fentry, fexit, tp_btf).</summary>
    Tracing = 26,
}
