namespace PolicyOperator.Runtime.Informers;

/// <summary>An informer as the controller manager runs it, whatever its object type.</summary>
public interface IInformer
{
    /// <summary>The informer's name in logs and metrics (usually the resource's plural).</summary>
    string Name { get; }

    /// <summary>True once the first list filled the cache.</summary>
    bool HasSynced { get; }

    /// <summary>Lists, then watches, until cancelled; failures are retried, never thrown.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
