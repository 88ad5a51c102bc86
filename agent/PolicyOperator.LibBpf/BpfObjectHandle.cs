using System.Runtime.InteropServices;
using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>Owns a <c>struct bpf_object *</c>; closing it unloads its programs and maps.</summary>
internal sealed class BpfObjectHandle : SafeHandle
{
    public BpfObjectHandle(IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibBpfNative.bpf_object__close(handle);
        return true;
    }
}
