using System.Runtime.InteropServices;
using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>
/// A BPF ELF object: open, adjust (autoload, knobs), load, then find its programs and maps.
/// Programs and maps belong to the object and are valid until it is disposed.
/// </summary>
public sealed class BpfObject : IDisposable
{
    private readonly BpfObjectHandle _handle;

    private BpfObject(BpfObjectHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The object file this was opened from.</summary>
    public string Path { get; }

    /// <summary>True once <see cref="Load"/> succeeded.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>Opens an object file (parses the ELF and BTF; nothing reaches the kernel yet).</summary>
    public static BpfObject Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"BPF object not found: {path}", path);
        }

        var raw = LibBpfException.ThrowIfNull(
            LibBpfNative.bpf_object__open_file(path, IntPtr.Zero), $"bpf_object__open_file({path})");
        return new BpfObject(new BpfObjectHandle(raw), path);
    }

    /// <summary>Loads every program whose autoload is on, and creates the maps, in the kernel.</summary>
    public void Load()
    {
        LibBpfException.ThrowIfNegative(
            LibBpfNative.bpf_object__load(Raw), $"bpf_object__load({System.IO.Path.GetFileName(Path)})");
        IsLoaded = true;
    }

    /// <summary>The program with this function name.</summary>
    public BpfProgram Program(string name) =>
        FindProgram(name) ?? throw new KeyNotFoundException($"no BPF program '{name}' in {Path}");

    /// <summary>The program with this function name, or null.</summary>
    public BpfProgram? FindProgram(string name)
    {
        var raw = LibBpfNative.bpf_object__find_program_by_name(Raw, name);
        return raw == IntPtr.Zero ? null : new BpfProgram(this, raw);
    }

    /// <summary>The map with this name.</summary>
    public BpfMap Map(string name) =>
        FindMap(name) ?? throw new KeyNotFoundException($"no BPF map '{name}' in {Path}");

    /// <summary>The map with this name, or null.</summary>
    public BpfMap? FindMap(string name)
    {
        var raw = LibBpfNative.bpf_object__find_map_by_name(Raw, name);
        return raw == IntPtr.Zero ? null : new BpfMap(this, raw);
    }

    /// <summary>Every program in the object, in ELF order.</summary>
    public IReadOnlyList<BpfProgram> Programs
    {
        get
        {
            var programs = new List<BpfProgram>();
            for (var p = LibBpfNative.bpf_object__next_program(Raw, IntPtr.Zero); p != IntPtr.Zero;
                 p = LibBpfNative.bpf_object__next_program(Raw, p))
            {
                programs.Add(new BpfProgram(this, p));
            }

            return programs;
        }
    }

    /// <summary>Every map in the object (including .bss/.rodata maps).</summary>
    public IReadOnlyList<BpfMap> Maps
    {
        get
        {
            var maps = new List<BpfMap>();
            for (var m = LibBpfNative.bpf_object__next_map(Raw, IntPtr.Zero); m != IntPtr.Zero;
                 m = LibBpfNative.bpf_object__next_map(Raw, m))
            {
                maps.Add(new BpfMap(this, m));
            }

            return maps;
        }
    }

    internal IntPtr Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    internal static string? ReadString(IntPtr utf8) => Marshal.PtrToStringUTF8(utf8);

    /// <summary>Unloads the programs and maps (links created from it must be disposed first).</summary>
    public void Dispose() => _handle.Dispose();
}
