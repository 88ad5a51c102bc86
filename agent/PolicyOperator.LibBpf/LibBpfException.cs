using System.Runtime.InteropServices;
using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>A libbpf call failed. <see cref="Errno"/> is the positive errno; the message carries its text.</summary>
public sealed class LibBpfException : Exception
{
    public LibBpfException(string operation, int errno)
        : base($"{operation} failed: {Describe(errno)} (errno {errno})")
    {
        Operation = operation;
        Errno = errno;
    }

    public LibBpfException()
    {
        Operation = string.Empty;
    }

    public LibBpfException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public LibBpfException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    /// <summary>The libbpf call and its subject, for example <c>bpf_object__load(probe.bpf.o)</c>.</summary>
    public string Operation { get; }

    /// <summary>The positive errno value.</summary>
    public int Errno { get; }

    /// <summary>Throws when a libbpf int result is negative (libbpf returns <c>-errno</c>).</summary>
    internal static int ThrowIfNegative(int result, string operation) =>
        result < 0 ? throw new LibBpfException(operation, -result) : result;

    /// <summary>Throws when a libbpf pointer result is NULL, with errno captured by the import.</summary>
    internal static IntPtr ThrowIfNull(IntPtr result, string operation) =>
        result == IntPtr.Zero ? throw new LibBpfException(operation, Marshal.GetLastPInvokeError()) : result;

    private static unsafe string Describe(int errno)
    {
        var buffer = stackalloc byte[256];
        return LibBpfNative.libbpf_strerror(errno, buffer, 256) == 0
            ? Marshal.PtrToStringUTF8((IntPtr)buffer) ?? $"errno {errno}"
            : Marshal.GetPInvokeErrorMessage(errno);
    }
}
