namespace PolicyOperator.Runtime.Reconciliation;

/// <summary>A controller as the controller manager runs it, whatever its object type.</summary>
public interface IController
{
    string Name { get; }

    /// <summary>Waits for the informer's first sync, then reconciles until cancelled, finishing running reconciles.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
