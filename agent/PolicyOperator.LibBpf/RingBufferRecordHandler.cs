namespace PolicyOperator.LibBpf;

/// <summary>
/// Receives one ring buffer record. The span is valid only during the call: copy what you keep.
/// </summary>
public delegate void RingBufferRecordHandler(ReadOnlySpan<byte> record);
