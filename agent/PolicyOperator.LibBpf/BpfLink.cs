namespace PolicyOperator.LibBpf;

/// <summary>An attachment of a program; disposing it detaches the program.</summary>
public sealed class BpfLink : IDisposable
{
    private readonly BpfLinkHandle _handle;

    internal BpfLink(BpfLinkHandle handle)
    {
        _handle = handle;
    }

    /// <summary>True once disposed.</summary>
    public bool IsDetached => _handle.IsClosed;

    /// <summary>Detaches; calling it again does nothing.</summary>
    public void Dispose() => _handle.Dispose();
}
