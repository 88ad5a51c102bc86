using System.Runtime.InteropServices;
using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>Owns a <c>struct ring_buffer *</c> (the consumer side of one or more ring buffer maps).</summary>
internal sealed class BpfRingBufferHandle : SafeHandle
{
    public BpfRingBufferHandle(IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibBpfNative.ring_buffer__free(handle);
        return true;
    }
}
