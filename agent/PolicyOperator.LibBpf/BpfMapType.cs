namespace PolicyOperator.LibBpf;

/// <summary>Kernel map types (<c>enum bpf_map_type</c>), the ones this project meets.</summary>
public enum BpfMapType
{
    /// <summary>BPF_MAP_TYPE_UNSPEC.</summary>
    Unspecified = 0,

    /// <summary>BPF_MAP_TYPE_HASH.</summary>
    Hash = 1,

    /// <summary>BPF_MAP_TYPE_ARRAY.</summary>
    Array = 2,

    /// <summary>BPF_MAP_TYPE_PERCPU_HASH.</summary>
    PerCpuHash = 5,

    /// <summary>BPF_MAP_TYPE_PERCPU_ARRAY.</summary>
    PerCpuArray = 6,

    /// <summary>BPF_MAP_TYPE_LRU_HASH.</summary>
    LruHash = 9,

    /// <summary>BPF_MAP_TYPE_SK_STORAGE.</summary>
    SocketStorage = 24,

    /// <summary>BPF_MAP_TYPE_RINGBUF.</summary>
    RingBuffer = 27,
}
