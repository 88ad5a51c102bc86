using PolicyOperator.Api.Meta;

namespace PolicyOperator.Runtime.Informers;

/// <summary>
/// The informer's local copy of the objects, by key, with named indexes (for example by namespace or
/// by owner) kept in step with every change. Readers never call the API server.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class InformerCache<T>
    where T : class, IKubernetesObject<ObjectMeta>
{
    /// <summary>The index every cache has: objects by namespace.</summary>
    public const string NamespaceIndex = "namespace";

    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<ObjectKey>>> _indexes = new(StringComparer.Ordinal);

    public InformerCache()
    {
        AddIndex(NamespaceIndex, value => value.Metadata.Namespace is { } ns ? [ns] : []);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds an index: <paramref name="indexer"/> gives the values an object is found under.</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexer)
    {
        lock (_lock)
        {
            if (!_indexers.TryAdd(name, indexer))
            {
                throw new ArgumentException($"index '{name}' exists", nameof(name));
            }

            var index = new Dictionary<string, HashSet<ObjectKey>>(StringComparer.Ordinal);
            _indexes[name] = index;
            foreach (var (key, value) in _items)
            {
                AddToIndex(index, indexer, key, value);
            }
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    public IReadOnlyList<ObjectKey> Keys()
    {
        lock (_lock)
        {
            return [.. _items.Keys];
        }
    }

    /// <summary>The objects an index holds under <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"no index '{indexName}'", nameof(indexName));
            }

            return index.TryGetValue(value, out var keys) ? [.. keys.Select(key => _items[key])] : [];
        }
    }

    /// <summary>Stores <paramref name="value"/>; returns what it replaced.</summary>
    public T? Upsert(T value)
    {
        var key = ObjectKey.For(value);
        lock (_lock)
        {
            var old = _items.GetValueOrDefault(key);
            if (old is not null)
            {
                RemoveFromIndexes(key, old);
            }

            _items[key] = value;
            foreach (var (name, indexer) in _indexers)
            {
                AddToIndex(_indexes[name], indexer, key, value);
            }

            return old;
        }
    }

    /// <summary>Removes the object of <paramref name="key"/>; returns it, or null when absent.</summary>
    public T? Remove(ObjectKey key)
    {
        lock (_lock)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            RemoveFromIndexes(key, old);
            return old;
        }
    }

    private static void AddToIndex(Dictionary<string, HashSet<ObjectKey>> index, Func<T, IEnumerable<string>> indexer, ObjectKey key, T value)
    {
        foreach (var indexValue in indexer(value))
        {
            if (!index.TryGetValue(indexValue, out var keys))
            {
                index[indexValue] = keys = [];
            }

            keys.Add(key);
        }
    }

    private void RemoveFromIndexes(ObjectKey key, T value)
    {
        foreach (var (name, indexer) in _indexers)
        {
            var index = _indexes[name];
            foreach (var indexValue in indexer(value))
            {
                if (index.TryGetValue(indexValue, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    index.Remove(indexValue);
                }
            }
        }
    }
}
