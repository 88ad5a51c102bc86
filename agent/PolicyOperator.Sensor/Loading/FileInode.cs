using System.Runtime.InteropServices;

namespace PolicyOperator.Sensor.Loading;

/// <summary>
/// Inode numbers: a cgroup v2 directory's inode is its cgroup id, and a network namespace file's
/// inode is the namespace's id as the kernel reports it.
/// </summary>
public static partial class FileInode
{
    /// <summary>The inode of <paramref name="path"/> (links followed).</summary>
    public static unsafe ulong Of(string path)
    {
        // struct stat on x86_64 and arm64 starts with st_dev (8 bytes) then st_ino (8 bytes).
        var buffer = stackalloc byte[256];
        return Stat(path, buffer) == 0
            ? *(ulong*)(buffer + 8)
            : throw new IOException($"stat({path}) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Stat(string path, byte* buffer);
}
