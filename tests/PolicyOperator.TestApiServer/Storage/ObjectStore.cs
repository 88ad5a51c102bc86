using System.Globalization;
using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Http;

namespace PolicyOperator.Testing.ApiServer.Storage;

/// <summary>
/// Every object of every resource as JSON, with one global resourceVersion counter (as etcd's
/// revision), a bounded history of changes for watches and consistent lists, and the open watch
/// subscriptions. All operations are atomic under one lock and hand out copies.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _historyLimit;
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly LinkedList<StoredEvent> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private long _revision;
    private long _compactedRevision;

    public ObjectStore(TimeProvider time, int historyLimit)
    {
        _time = time;
        _historyLimit = Math.Max(1, historyLimit);
    }

    /// <summary>The latest resourceVersion.</summary>
    public long Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    /// <summary>Versions at or below this one are no longer in the history (watching from them gets 410).</summary>
    public long CompactedRevision
    {
        get
        {
            lock (_gate)
            {
                return _compactedRevision;
            }
        }
    }

    /// <summary>The number of open watches.</summary>
    public int WatchCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>
    /// Stores a new object as it already exists in a cluster, keeping the uid it carries: for fixtures
    /// whose uid other state names (the kubelet names a pod's cgroup by the pod's UID). Anything else
    /// is as a create: a new resourceVersion, an ADDED event.
    /// </summary>
    public JsonObject Seed(string groupResource, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (_gate)
        {
            var desired = Clone(obj);
            var metadata = Metadata(desired);
            var name = metadata["name"]?.GetValue<string>() ?? throw new ArgumentException("the object has no metadata.name", nameof(obj));
            var key = Key(metadata["namespace"]?.GetValue<string>() ?? string.Empty, name);
            var bucket = Bucket(groupResource);
            if (bucket.ContainsKey(key))
            {
                throw new InvalidOperationException($"{groupResource} {key} exists already");
            }

            return Insert(groupResource, bucket, key, desired, dryRun: false, metadata["uid"]?.GetValue<string>());
        }
    }

    /// <summary>A copy of one object, or null.</summary>
    public JsonObject? Get(string groupResource, string ns, string name)
    {
        lock (_gate)
        {
            return Bucket(groupResource).TryGetValue(Key(ns, name), out var obj) ? Clone(obj) : null;
        }
    }

    /// <summary>
    /// The objects of a resource (in one namespace, or all when <paramref name="ns"/> is null), sorted
    /// by namespace and name, as they were at <paramref name="atRevision"/> (or now).
    /// </summary>
    public (IReadOnlyList<JsonObject> Items, long Revision) List(string groupResource, string? ns, long? atRevision = null)
    {
        lock (_gate)
        {
            var current = Bucket(groupResource);
            IEnumerable<KeyValuePair<string, JsonObject>> source = current;
            var revision = _revision;
            if (atRevision is { } at && at != _revision)
            {
                source = Reconstruct(groupResource, current, at);
                revision = at;
            }

            var items = source
                .Where(p => ns is null || p.Key.StartsWith(ns + "/", StringComparison.Ordinal))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => Clone(p.Value))
                .ToList();
            return (items, revision);
        }
    }

    /// <summary>
    /// Creates or changes one object atomically. <paramref name="change"/> receives a copy of the
    /// current object (null when absent) and returns the desired one, or throws an
    /// <see cref="ApiException"/>. The store sets uid, creationTimestamp, resourceVersion and
    /// generation; a stale metadata.resourceVersion gets 409 Conflict; an unchanged object keeps its
    /// version; an object being deleted whose finalizers are gone is removed.
    /// </summary>
    public JsonObject Write(string groupResource, string ns, string name, Func<JsonObject?, JsonObject> change, bool dryRun = false)
    {
        lock (_gate)
        {
            var bucket = Bucket(groupResource);
            var key = Key(ns, name);
            bucket.TryGetValue(key, out var current);
            var desired = change(current is null ? null : Clone(current));
            var metadata = Metadata(desired);
            metadata["name"] = name;
            if (ns.Length > 0)
            {
                metadata["namespace"] = ns;
            }

            if (current is null)
            {
                return Insert(groupResource, bucket, key, desired, dryRun);
            }

            var currentMeta = Metadata(current);
            var expected = metadata["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(expected) && expected != currentMeta["resourceVersion"]?.GetValue<string>())
            {
                throw ApiException.Conflict(groupResource, name, "the object has been modified; please apply your changes to the latest version and try again");
            }

            foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "generation", "resourceVersion" })
            {
                if (currentMeta[field] is { } value)
                {
                    metadata[field] = value.DeepClone();
                }
                else
                {
                    metadata.Remove(field);
                }
            }

            if (JsonNode.DeepEquals(desired, current))
            {
                return Clone(current);
            }

            if (!JsonNode.DeepEquals(WithoutMetaAndStatus(desired), WithoutMetaAndStatus(current)))
            {
                metadata["generation"] = (currentMeta["generation"]?.GetValue<long>() ?? 0) + 1;
            }

            if (metadata["deletionTimestamp"] is not null && metadata["finalizers"] is not JsonArray { Count: > 0 })
            {
                return dryRun ? Clone(desired) : RemoveWithDependents(groupResource, bucket, key, current, desired, orphanDependents: false);
            }

            if (dryRun)
            {
                return Clone(desired);
            }

            metadata["resourceVersion"] = Next();
            bucket[key] = desired;
            Record(new StoredEvent(_revision, groupResource, WatchEventType.Modified, Clone(desired), Clone(current)));
            return Clone(desired);
        }
    }

    /// <summary>
    /// Deletes one object: at once when it has no finalizers (then its dependents and, for a
    /// namespace, its contents go too), otherwise by setting deletionTimestamp.
    /// </summary>
    public JsonObject Delete(string groupResource, string ns, string name, string? uid = null, string? resourceVersion = null, bool orphanDependents = false, bool dryRun = false)
    {
        lock (_gate)
        {
            var bucket = Bucket(groupResource);
            var key = Key(ns, name);
            if (!bucket.TryGetValue(key, out var current))
            {
                throw ApiException.NotFound(groupResource, name);
            }

            var meta = Metadata(current);
            if (uid is not null && uid != meta["uid"]?.GetValue<string>())
            {
                throw ApiException.Conflict(groupResource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {meta["uid"]}");
            }

            if (resourceVersion is not null && resourceVersion != meta["resourceVersion"]?.GetValue<string>())
            {
                throw ApiException.Conflict(groupResource, name, $"Precondition failed: ResourceVersion in precondition: {resourceVersion}, ResourceVersion in object meta: {meta["resourceVersion"]}");
            }

            if (dryRun)
            {
                return Clone(current);
            }

            if (meta["finalizers"] is JsonArray { Count: > 0 })
            {
                if (meta["deletionTimestamp"] is not null)
                {
                    return Clone(current);
                }

                var marked = Clone(current);
                Metadata(marked)["deletionTimestamp"] = Timestamp();
                Metadata(marked)["resourceVersion"] = Next();
                bucket[key] = marked;
                Record(new StoredEvent(_revision, groupResource, WatchEventType.Modified, Clone(marked), Clone(current)));
                return Clone(marked);
            }

            return RemoveWithDependents(groupResource, bucket, key, current, current, orphanDependents);
        }
    }

    /// <summary>Removes every object of a resource (its CRD was deleted).</summary>
    public void RemoveAll(string groupResource)
    {
        lock (_gate)
        {
            var bucket = Bucket(groupResource);
            foreach (var (key, obj) in bucket.ToList())
            {
                Remove(groupResource, bucket, key, obj, obj);
            }
        }
    }

    /// <summary>
    /// Opens a watch on a resource. From <paramref name="fromRevision"/>: every later change from the
    /// history (410 Expired when that history is gone). Without it: the current objects as ADDED
    /// events first (then, when asked, an initial-events-end bookmark), then every change.
    /// </summary>
    public WatchSubscription Watch(string groupResource, string? ns, long? fromRevision, bool initialEventsEndBookmark = false)
    {
        lock (_gate)
        {
            var subscription = new WatchSubscription(groupResource, ns, Unsubscribe);
            if (fromRevision is { } from)
            {
                if (from < _compactedRevision)
                {
                    subscription.Dispose();
                    throw ApiException.Expired($"too old resource version: {from} ({_compactedRevision + 1})");
                }

                foreach (var e in _history.Where(e => e.Revision > from && subscription.Matches(e)))
                {
                    subscription.Publish(new WatchItem(e, 0));
                }
            }
            else
            {
                foreach (var (key, obj) in Bucket(groupResource).Where(p => ns is null || p.Key.StartsWith(ns + "/", StringComparison.Ordinal)))
                {
                    var revision = long.Parse(Metadata(obj)["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                    subscription.Publish(new WatchItem(new StoredEvent(revision, groupResource, WatchEventType.Added, Clone(obj), null), 0));
                }

                if (initialEventsEndBookmark)
                {
                    subscription.Publish(new WatchItem(null, _revision, InitialEventsEnd: true));
                }
            }

            _watchers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Queues a bookmark at the current revision on one watch, after every change already queued.</summary>
    public void Bookmark(WatchSubscription subscription)
    {
        lock (_gate)
        {
            subscription.Publish(new WatchItem(null, _revision));
        }
    }

    /// <summary>Forgets the history: watches and lists from any earlier version get 410 Expired.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedRevision = _revision;
        }
    }

    /// <summary>
    /// Ends every open watch, or those of one resource (optionally aborting the connection, as a
    /// network failure would); returns how many.
    /// </summary>
    public int DropWatches(bool abortConnections = false, string? groupResource = null)
    {
        lock (_gate)
        {
            var dropped = _watchers.Where(w => groupResource is null || w.GroupResource == groupResource).ToList();
            foreach (var watcher in dropped)
            {
                watcher.Drop(abortConnections);
            }

            return dropped.Count;
        }
    }

    private JsonObject Insert(string groupResource, SortedDictionary<string, JsonObject> bucket, string key, JsonObject desired, bool dryRun, string? uid = null)
    {
        var metadata = Metadata(desired);
        metadata["uid"] = uid ?? Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Timestamp();
        metadata["generation"] = 1L;
        metadata.Remove("deletionTimestamp");
        if (dryRun)
        {
            return Clone(desired);
        }

        metadata["resourceVersion"] = Next();
        bucket[key] = desired;
        Record(new StoredEvent(_revision, groupResource, WatchEventType.Added, Clone(desired), null));
        return Clone(desired);
    }

    private JsonObject Remove(string groupResource, SortedDictionary<string, JsonObject> bucket, string key, JsonObject current, JsonObject last)
    {
        bucket.Remove(key);
        var gone = Clone(last);
        Metadata(gone)["resourceVersion"] = Next();
        Record(new StoredEvent(_revision, groupResource, WatchEventType.Deleted, Clone(gone), Clone(current)));
        return gone;
    }

    /// <summary>Removes an object, then a namespace's contents and (unless orphaned) the objects it owns.</summary>
    private JsonObject RemoveWithDependents(string groupResource, SortedDictionary<string, JsonObject> bucket, string key, JsonObject current, JsonObject last, bool orphanDependents)
    {
        var removed = Remove(groupResource, bucket, key, current, last);
        var meta = Metadata(current);
        if (groupResource == "namespaces" && meta["name"]?.GetValue<string>() is { } ns)
        {
            RemoveNamespaceContents(ns);
        }

        if (!orphanDependents && meta["uid"]?.GetValue<string>() is { } ownerUid)
        {
            RemoveDependents(ownerUid);
        }

        return removed;
    }

    private void RemoveNamespaceContents(string ns)
    {
        foreach (var (groupResource, bucket) in _objects.ToList())
        {
            foreach (var (key, obj) in bucket.Where(p => p.Key.StartsWith(ns + "/", StringComparison.Ordinal)).ToList())
            {
                Remove(groupResource, bucket, key, obj, obj);
            }
        }
    }

    private void RemoveDependents(string ownerUid)
    {
        foreach (var (groupResource, bucket) in _objects.ToList())
        {
            foreach (var (key, obj) in bucket.ToList())
            {
                var owned = Metadata(obj)["ownerReferences"] is JsonArray owners
                    && owners.Any(o => o?["uid"]?.GetValue<string>() == ownerUid);
                if (owned && bucket.ContainsKey(key))
                {
                    Remove(groupResource, bucket, key, obj, obj);
                    if (Metadata(obj)["uid"]?.GetValue<string>() is { } uid)
                    {
                        RemoveDependents(uid);
                    }
                }
            }
        }
    }

    private IEnumerable<KeyValuePair<string, JsonObject>> Reconstruct(string groupResource, SortedDictionary<string, JsonObject> current, long at)
    {
        if (at < _compactedRevision)
        {
            throw ApiException.Expired($"too old resource version: {at} ({_compactedRevision + 1})");
        }

        if (at > _revision)
        {
            throw new ApiException(504, "Timeout", $"Too large resource version: {at}, current: {_revision}");
        }

        var state = new Dictionary<string, JsonObject>(current, StringComparer.Ordinal);
        for (var node = _history.Last; node is not null && node.Value.Revision > at; node = node.Previous)
        {
            var e = node.Value;
            if (e.GroupResource != groupResource)
            {
                continue;
            }

            var key = Key(e.Namespace, Metadata(e.Object)["name"]!.GetValue<string>());
            if (e.Type == WatchEventType.Added)
            {
                state.Remove(key);
            }
            else if (e.Previous is not null)
            {
                state[key] = e.Previous;
            }
        }

        return state;
    }

    private void Record(StoredEvent e)
    {
        _history.AddLast(e);
        while (_history.Count > _historyLimit)
        {
            _compactedRevision = _history.First!.Value.Revision;
            _history.RemoveFirst();
        }

        foreach (var watcher in _watchers.Where(w => w.Matches(e)))
        {
            watcher.Publish(new WatchItem(e, 0));
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _watchers.Remove(subscription);
        }
    }

    private string Next() => (++_revision).ToString(CultureInfo.InvariantCulture);

    private string Timestamp() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private SortedDictionary<string, JsonObject> Bucket(string groupResource)
    {
        if (!_objects.TryGetValue(groupResource, out var bucket))
        {
            bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[groupResource] = bucket;
        }

        return bucket;
    }

    private static string Key(string ns, string name) => $"{ns}/{name}";

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }

        return metadata;
    }

    private static JsonObject WithoutMetaAndStatus(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (name is not ("metadata" or "status"))
            {
                copy[name] = value?.DeepClone();
            }
        }

        return copy;
    }

    private static JsonObject Clone(JsonObject obj) => obj.DeepClone().AsObject();
}
