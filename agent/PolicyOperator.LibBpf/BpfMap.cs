using System.Runtime.CompilerServices;
using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>
/// A map inside a <see cref="BpfObject"/>. Keys and values are unmanaged structs whose layout
/// mirrors the C declaration in bpf/include (sizes are checked on every call).
/// </summary>
public sealed class BpfMap
{
    private readonly BpfObject _owner;
    private readonly IntPtr _raw;

    internal BpfMap(BpfObject owner, IntPtr raw)
    {
        _owner = owner;
        _raw = raw;
    }

    /// <summary>The map's name as declared in C (truncated by the kernel to 15 characters).</summary>
    public string Name => BpfObject.ReadString(LibBpfNative.bpf_map__name(Raw)) ?? string.Empty;

    /// <summary>The kernel file descriptor, once loaded.</summary>
    public int FileDescriptor => LibBpfNative.bpf_map__fd(Raw);

    /// <summary>Key size in bytes.</summary>
    public int KeySize => (int)LibBpfNative.bpf_map__key_size(Raw);

    /// <summary>Value size in bytes (per CPU for per-CPU maps).</summary>
    public int ValueSize => (int)LibBpfNative.bpf_map__value_size(Raw);

    /// <summary>The most entries the map holds.</summary>
    public int MaxEntries => (int)LibBpfNative.bpf_map__max_entries(Raw);

    /// <summary>Reads one value; false when the key is absent.</summary>
    public unsafe bool TryLookup<TKey, TValue>(TKey key, out TValue value)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        CheckSizes<TKey, TValue>();
        TValue result = default;
        var rc = LibBpfNative.bpf_map__lookup_elem(Raw, &key, (nuint)sizeof(TKey), &result, (nuint)sizeof(TValue), 0);
        value = result;
        if (rc == -2)
        {
            return false; // ENOENT
        }

        LibBpfException.ThrowIfNegative(rc, $"bpf_map__lookup_elem({Name})");
        return true;
    }

    /// <summary>Writes one value (any: create or replace).</summary>
    public unsafe void Update<TKey, TValue>(TKey key, TValue value)
        where TKey : unmanaged
        where TValue : unmanaged
    {
        CheckSizes<TKey, TValue>();
        LibBpfException.ThrowIfNegative(
            LibBpfNative.bpf_map__update_elem(Raw, &key, (nuint)sizeof(TKey), &value, (nuint)sizeof(TValue), 0),
            $"bpf_map__update_elem({Name})");
    }

    /// <summary>Deletes one key; false when it was absent.</summary>
    public unsafe bool Delete<TKey>(TKey key)
        where TKey : unmanaged
    {
        CheckKeySize<TKey>();
        var rc = LibBpfNative.bpf_map__delete_elem(Raw, &key, (nuint)sizeof(TKey), 0);
        if (rc == -2)
        {
            return false;
        }

        LibBpfException.ThrowIfNegative(rc, $"bpf_map__delete_elem({Name})");
        return true;
    }

    /// <summary>Every key, in the kernel's iteration order.</summary>
    public unsafe List<TKey> Keys<TKey>()
        where TKey : unmanaged
    {
        CheckKeySize<TKey>();
        var keys = new List<TKey>();
        TKey next = default;
        var rc = LibBpfNative.bpf_map__get_next_key(Raw, null, &next, (nuint)sizeof(TKey));
        while (rc == 0 && keys.Count <= MaxEntries)
        {
            keys.Add(next);
            var current = next;
            rc = LibBpfNative.bpf_map__get_next_key(Raw, &current, &next, (nuint)sizeof(TKey));
        }

        if (rc != -2 && rc != 0)
        {
            LibBpfException.ThrowIfNegative(rc, $"bpf_map__get_next_key({Name})");
        }

        return keys;
    }

    /// <summary>The kernel map type.</summary>
    public BpfMapType Type => (BpfMapType)LibBpfNative.bpf_map__type(Raw);

    /// <summary>Resizes the map (ring buffers: bytes, a power of two pages). Before load only.</summary>
    public void SetMaxEntries(int maxEntries) =>
        LibBpfException.ThrowIfNegative(
            LibBpfNative.bpf_map__set_max_entries(Raw, checked((uint)maxEntries)), $"bpf_map__set_max_entries({Name}, {maxEntries})");

    /// <summary>
    /// Where the map is pinned in bpffs. Set before load: if a compatible map is pinned there,
    /// load reuses it (state survives a restart); otherwise load creates the map and pins it.
    /// </summary>
    public string? PinPath
    {
        get => BpfObject.ReadString(LibBpfNative.bpf_map__pin_path(Raw));
        set => LibBpfException.ThrowIfNegative(LibBpfNative.bpf_map__set_pin_path(Raw, value), $"bpf_map__set_pin_path({Name}, {value})");
    }

    /// <summary>True when the map is pinned (after load with a <see cref="PinPath"/>).</summary>
    public bool IsPinned => LibBpfNative.bpf_map__is_pinned(Raw);

    /// <summary>Removes the pin (the map lives on while anything holds it).</summary>
    public void Unpin() => LibBpfException.ThrowIfNegative(LibBpfNative.bpf_map__unpin(Raw, null), $"bpf_map__unpin({Name})");

    /// <summary>Makes this map, before load, share the kernel map of <paramref name="loaded"/> (same shape).</summary>
    public void ReuseFrom(BpfMap loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        LibBpfException.ThrowIfNegative(
            LibBpfNative.bpf_map__reuse_fd(Raw, loaded.FileDescriptor), $"bpf_map__reuse_fd({Name} <- {loaded.Name})");
    }

    /// <summary>
    /// Sets the initial contents of a data map (<c>.rodata</c>: the <c>const volatile</c> knobs)
    /// before load. The struct must have the section's exact size.
    /// </summary>
    public unsafe void SetInitialValue<TValue>(TValue value)
        where TValue : unmanaged
    {
        nuint size = 0;
        _ = LibBpfNative.bpf_map__initial_value(Raw, &size);
        if ((int)size != sizeof(TValue))
        {
            throw new ArgumentException($"map {Name}: initial value type {typeof(TValue).Name} is {sizeof(TValue)} bytes, the section is {size}");
        }

        LibBpfException.ThrowIfNegative(
            LibBpfNative.bpf_map__set_initial_value(Raw, &value, (nuint)sizeof(TValue)), $"bpf_map__set_initial_value({Name})");
    }

    /// <summary>Reads a per-CPU map's 64-bit value on every possible CPU; false when the key is absent.</summary>
    public unsafe bool TryLookupPerCpu<TKey>(TKey key, out ulong[] perCpu)
        where TKey : unmanaged
    {
        CheckKeySize<TKey>();
        if (ValueSize != sizeof(ulong))
        {
            throw new ArgumentException($"map {Name}: per-CPU value is {ValueSize} bytes, not a 64-bit counter");
        }

        var values = new ulong[PossibleCpus];
        int rc;
        fixed (ulong* buffer = values)
        {
            rc = LibBpfNative.bpf_map__lookup_elem(Raw, &key, (nuint)sizeof(TKey), buffer, (nuint)(values.Length * sizeof(ulong)), 0);
        }

        perCpu = values;
        if (rc == -2)
        {
            return false;
        }

        LibBpfException.ThrowIfNegative(rc, $"bpf_map__lookup_elem({Name}, per-CPU)");
        return true;
    }

    /// <summary>Number of possible CPUs: the factor for per-CPU map values.</summary>
    public static int PossibleCpus => LibBpfException.ThrowIfNegative(LibBpfNative.libbpf_num_possible_cpus(), "libbpf_num_possible_cpus");

    private void CheckSizes<TKey, TValue>()
        where TKey : unmanaged
        where TValue : unmanaged
    {
        CheckKeySize<TKey>();
        if (Unsafe.SizeOf<TValue>() != ValueSize)
        {
            throw new ArgumentException($"map {Name}: value type {typeof(TValue).Name} is {Unsafe.SizeOf<TValue>()} bytes, the map's value is {ValueSize}");
        }
    }

    private void CheckKeySize<TKey>()
        where TKey : unmanaged
    {
        if (Unsafe.SizeOf<TKey>() != KeySize)
        {
            throw new ArgumentException($"map {Name}: key type {typeof(TKey).Name} is {Unsafe.SizeOf<TKey>()} bytes, the map's key is {KeySize}");
        }
    }

    private IntPtr Raw
    {
        get
        {
            _ = _owner.Raw;
            return _raw;
        }
    }
}
