namespace PolicyOperator.Runtime.Informers;

/// <summary>How an informer backs off after a failed list or watch.</summary>
public sealed record InformerOptions
{
    /// <summary>The first wait after a failure (client-go: 800 ms); it doubles per consecutive failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The longest wait (client-go: 30 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
