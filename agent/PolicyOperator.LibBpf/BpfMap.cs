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
