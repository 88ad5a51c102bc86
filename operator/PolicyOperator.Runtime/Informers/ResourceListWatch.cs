using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Client;

namespace PolicyOperator.Runtime.Informers;

/// <summary>Lists (page by page) and watches (with bookmarks) one resource type through the client.</summary>
/// <param name="client">The resource's client.</param>
/// <param name="ns">The namespace to watch; null for all.</param>
/// <param name="selectors">Label and field selectors; paging and versions are set here.</param>
/// <param name="watchTimeout">How long the server keeps one watch open before the informer renews it.</param>
public sealed class ResourceListWatch<T>(ResourceClient<T> client, string? ns = null, ListOptions? selectors = null, TimeSpan? watchTimeout = null)
    : IListWatchSource<T>
    where T : class, IKubernetesObject<ObjectMeta>
{
    private readonly ListOptions _selectors = selectors ?? new ListOptions();

    public Task<KubernetesList<T>> ListAsync(CancellationToken cancellationToken) =>
        client.ListAllAsync(ns, _selectors with { ResourceVersion = null, AllowWatchBookmarks = false, TimeoutSeconds = null }, cancellationToken);

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
        client.WatchAsync(
            ns,
            _selectors with
            {
                ResourceVersion = resourceVersion,
                AllowWatchBookmarks = true,
                Limit = null,
                Continue = null,
                // client-go picks 5-10 minutes at random so that watches of many clients do not renew together.
                TimeoutSeconds = (int)(watchTimeout ?? TimeSpan.FromSeconds(300 + Random.Shared.Next(300))).TotalSeconds,
            },
            cancellationToken);
}
