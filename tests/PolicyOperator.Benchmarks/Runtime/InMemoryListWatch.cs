using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PolicyOperator.Api.Meta;
using PolicyOperator.Runtime.Informers;

namespace PolicyOperator.Benchmarks.Runtime;

/// <summary>An informer source in memory: a fixed list, then whatever the benchmark writes to the watch channel.</summary>
public sealed class InMemoryListWatch<T>(IReadOnlyList<T> initial, string resourceVersion) : IListWatchSource<T>
    where T : class, IKubernetesObject<ObjectMeta>
{
    private readonly Channel<WatchEvent<T>> _events = Channel.CreateUnbounded<WatchEvent<T>>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelWriter<WatchEvent<T>> Events => _events.Writer;

    public Task<KubernetesList<T>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new KubernetesList<T> { Items = initial, Metadata = new ListMeta { ResourceVersion = resourceVersion } });

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var watchEvent in _events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return watchEvent;
        }
    }
}
