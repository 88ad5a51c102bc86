using System.Runtime.InteropServices;

namespace PolicyOperator.LibBpf.Native;

/// <summary>The few libc calls the binding needs: opening a cgroup directory for attachment.</summary>
internal static partial class LibC
{
    internal const int ORdOnly = 0;
    internal const int ODirectory = 0x10000;
    internal const int OCloexec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
