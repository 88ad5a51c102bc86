using System.Runtime.InteropServices;

namespace PolicyOperator.LibBpf.Native;

/// <summary>
/// Raw imports of libbpf 1.x (Debian's libbpf1). Names keep libbpf's C names so that the
/// upstream documentation applies as written. Pointer-returning calls report failure as NULL
/// with errno set (libbpf 1.0 semantics); int-returning calls as a negative errno.
/// </summary>
internal static partial class LibBpfNative
{
    private const string Library = "libbpf.so.1";

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial IntPtr bpf_object__open_file(string path, IntPtr opts);

    /// <summary>Sets libbpf's message callback (NULL: no messages); returns the previous one.</summary>
    [LibraryImport(Library)]
    internal static partial IntPtr libbpf_set_print(IntPtr fn);

    [LibraryImport(Library)]
    internal static partial int bpf_object__load(IntPtr obj);

    [LibraryImport(Library)]
    internal static partial void bpf_object__close(IntPtr obj);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr bpf_object__find_program_by_name(IntPtr obj, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr bpf_object__find_map_by_name(IntPtr obj, string name);

    [LibraryImport(Library)]
    internal static partial IntPtr bpf_object__next_program(IntPtr obj, IntPtr prev);

    [LibraryImport(Library)]
    internal static partial IntPtr bpf_object__next_map(IntPtr obj, IntPtr prev);

    [LibraryImport(Library)]
    internal static partial IntPtr bpf_program__name(IntPtr prog);

    [LibraryImport(Library)]
    internal static partial IntPtr bpf_program__section_name(IntPtr prog);

    [LibraryImport(Library)]
    internal static partial int bpf_program__set_autoload(IntPtr prog, [MarshalAs(UnmanagedType.U1)] bool autoload);

    [LibraryImport(Library)]
    internal static partial int bpf_program__fd(IntPtr prog);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial IntPtr bpf_program__attach(IntPtr prog);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial IntPtr bpf_program__attach_cgroup(IntPtr prog, int cgroupFd);

    [LibraryImport(Library)]
    internal static partial int bpf_link__destroy(IntPtr link);

    [LibraryImport(Library)]
    internal static partial IntPtr bpf_map__name(IntPtr map);

    [LibraryImport(Library)]
    internal static partial int bpf_map__fd(IntPtr map);

    [LibraryImport(Library)]
    internal static partial uint bpf_map__key_size(IntPtr map);

    [LibraryImport(Library)]
    internal static partial uint bpf_map__value_size(IntPtr map);

    [LibraryImport(Library)]
    internal static partial uint bpf_map__max_entries(IntPtr map);

    [LibraryImport(Library)]
    internal static unsafe partial int bpf_map__lookup_elem(IntPtr map, void* key, nuint keySize, void* value, nuint valueSize, ulong flags);

    [LibraryImport(Library)]
    internal static unsafe partial int bpf_map__update_elem(IntPtr map, void* key, nuint keySize, void* value, nuint valueSize, ulong flags);

    [LibraryImport(Library)]
    internal static unsafe partial int bpf_map__delete_elem(IntPtr map, void* key, nuint keySize, ulong flags);

    [LibraryImport(Library)]
    internal static unsafe partial int bpf_map__get_next_key(IntPtr map, void* currentKey, void* nextKey, nuint keySize);

    [LibraryImport(Library)]
    internal static partial int libbpf_num_possible_cpus();

    [LibraryImport(Library)]
    internal static unsafe partial int libbpf_strerror(int err, byte* buffer, nuint size);

    [LibraryImport(Library)]
    internal static partial int bpf_map__set_max_entries(IntPtr map, uint maxEntries);

    [LibraryImport(Library)]
    internal static partial int bpf_map__type(IntPtr map);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int bpf_map__set_pin_path(IntPtr map, string? path);

    [LibraryImport(Library)]
    internal static partial IntPtr bpf_map__pin_path(IntPtr map);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool bpf_map__is_pinned(IntPtr map);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int bpf_map__unpin(IntPtr map, string? path);

    [LibraryImport(Library)]
    internal static partial int bpf_map__reuse_fd(IntPtr map, int fd);

    [LibraryImport(Library)]
    internal static unsafe partial void* bpf_map__initial_value(IntPtr map, nuint* size);

    [LibraryImport(Library)]
    internal static unsafe partial int bpf_map__set_initial_value(IntPtr map, void* data, nuint size);

    [LibraryImport(Library)]
    internal static partial int libbpf_probe_bpf_prog_type(int progType, IntPtr opts);

    [LibraryImport(Library, SetLastError = true)]
    internal static unsafe partial IntPtr ring_buffer__new(int mapFd, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, nuint, int> sampleCallback, IntPtr context, IntPtr opts);

    [LibraryImport(Library)]
    internal static unsafe partial int ring_buffer__add(IntPtr ringBuffer, int mapFd, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, nuint, int> sampleCallback, IntPtr context);

    [LibraryImport(Library)]
    internal static partial int ring_buffer__poll(IntPtr ringBuffer, int timeoutMs);

    [LibraryImport(Library)]
    internal static partial int ring_buffer__consume(IntPtr ringBuffer);

    [LibraryImport(Library)]
    internal static partial void ring_buffer__free(IntPtr ringBuffer);

    [LibraryImport(Library)]
    internal static unsafe partial int bpf_obj_get_info_by_fd(int fd, void* info, uint* infoLength);

    [LibraryImport(Library)]
    internal static partial int bpf_enable_stats(int type);
}
