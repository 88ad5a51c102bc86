using PolicyOperator.Api.Meta;

namespace PolicyOperator.Runtime.Informers;

/// <summary>Where an informer lists and watches from: the API server (<see cref="ResourceListWatch{T}"/>) or, in benchmarks, memory.</summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IListWatchSource<T>
    where T : class, IKubernetesObject<ObjectMeta>
{
    /// <summary>A consistent snapshot of every object, with the resourceVersion to watch from.</summary>
    Task<KubernetesList<T>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Changes after <paramref name="resourceVersion"/>, with bookmarks; ends when the server ends the watch.</summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, CancellationToken cancellationToken);
}
