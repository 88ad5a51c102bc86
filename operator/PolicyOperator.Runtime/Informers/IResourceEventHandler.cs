namespace PolicyOperator.Runtime.Informers;

/// <summary>Receives an informer's changes after its cache applied them.</summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IResourceEventHandler<in T>
{
    void OnAdded(T value);

    /// <summary>Also called on a relist for every object that is still there.</summary>
    void OnUpdated(T oldValue, T newValue);

    void OnDeleted(T value);
}
