using System.Collections.Concurrent;
using PolicyOperator.Api.Meta;
using PolicyOperator.Runtime.Informers;

namespace PolicyOperator.Kubernetes.Tests.Runtime;

/// <summary>Records what an informer told it, as "added a", "updated a 3" (the new resourceVersion), "deleted a".</summary>
public sealed class RecordingHandler<T> : IResourceEventHandler<T>
    where T : class, IKubernetesObject<ObjectMeta>
{
    public ConcurrentQueue<string> Events { get; } = new();

    public void OnAdded(T value) => Events.Enqueue($"added {value.Metadata.Name}");

    public void OnUpdated(T oldValue, T newValue) => Events.Enqueue($"updated {newValue.Metadata.Name}");

    public void OnDeleted(T value) => Events.Enqueue($"deleted {value.Metadata.Name}");
}
