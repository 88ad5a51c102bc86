using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PolicyOperator.LibBpf.Native;

namespace PolicyOperator.LibBpf;

/// <summary>
/// Reads records from ring buffer maps (BPF_MAP_TYPE_RINGBUF) and hands each to its handler on
/// the thread that calls <see cref="Poll"/> or <see cref="Consume"/>. Not thread-safe: one reader.
/// An exception thrown by a handler stops that poll and is rethrown from it.
/// </summary>
public sealed class BpfRingBuffer : IDisposable
{
    private readonly List<GCHandle> _handlers = [];
    private BpfRingBufferHandle? _handle;
    private Exception? _handlerError;

    private BpfRingBuffer()
    {
    }

    /// <summary>Starts reading <paramref name="map"/> (loaded) with <paramref name="handler"/>.</summary>
    public static unsafe BpfRingBuffer Create(BpfMap map, RingBufferRecordHandler handler)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(handler);
        var ringBuffer = new BpfRingBuffer();
        var context = ringBuffer.Register(handler);
        var raw = LibBpfNative.ring_buffer__new(map.FileDescriptor, &OnRecord, context, IntPtr.Zero);
        if (raw == IntPtr.Zero)
        {
            var errno = Marshal.GetLastPInvokeError();
            ringBuffer.Dispose();
            throw new LibBpfException($"ring_buffer__new({map.Name})", errno);
        }

        ringBuffer._handle = new BpfRingBufferHandle(raw);
        return ringBuffer;
    }

    /// <summary>Also reads <paramref name="map"/>, with its own handler, in the same polls.</summary>
    public unsafe void Add(BpfMap map, RingBufferRecordHandler handler)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(handler);
        var context = Register(handler);
        LibBpfException.ThrowIfNegative(
            LibBpfNative.ring_buffer__add(Raw, map.FileDescriptor, &OnRecord, context), $"ring_buffer__add({map.Name})");
    }

    /// <summary>Waits up to <paramref name="timeout"/> for records and handles them; returns how many.</summary>
    public int Poll(TimeSpan timeout)
    {
        var rc = LibBpfNative.ring_buffer__poll(Raw, (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue));
        return Complete(rc == -4 ? 0 : rc, "ring_buffer__poll"); // EINTR: a signal, not a failure
    }

    /// <summary>Handles every record available now, without waiting; returns how many.</summary>
    public int Consume() => Complete(LibBpfNative.ring_buffer__consume(Raw), "ring_buffer__consume");

    /// <summary>Stops reading; calling it again does nothing.</summary>
    public void Dispose()
    {
        _handle?.Dispose();
        foreach (var handler in _handlers)
        {
            handler.Free();
        }

        _handlers.Clear();
    }

    private int Complete(int rc, string operation)
    {
        if (_handlerError is { } error)
        {
            _handlerError = null;
            throw new InvalidOperationException($"{operation}: a record handler failed: {error.Message}", error);
        }

        return LibBpfException.ThrowIfNegative(rc, operation);
    }

    private IntPtr Register(RingBufferRecordHandler handler)
    {
        var slot = GCHandle.Alloc(new Registration(this, handler));
        _handlers.Add(slot);
        return GCHandle.ToIntPtr(slot);
    }

    private IntPtr Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle is null || _handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int OnRecord(IntPtr context, IntPtr data, nuint size)
    {
        var registration = (Registration)GCHandle.FromIntPtr(context).Target!;
        try
        {
            registration.Handler(new ReadOnlySpan<byte>((void*)data, checked((int)size)));
            return 0;
        }
#pragma warning disable CA1031 // an exception must not unwind into native code: keep it, stop, rethrow
        catch (Exception e)
#pragma warning restore CA1031
        {
            registration.Owner._handlerError = e;
            return -1;
        }
    }

    private sealed record Registration(BpfRingBuffer Owner, RingBufferRecordHandler Handler);
}
