using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Patching;

namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>
/// Server-side apply, simplified: each field manager's last applied configuration is remembered;
/// a new apply merges into the live object, and fields the manager applied before but left out now
/// are removed. Field ownership conflicts between managers are not detected (force is accepted and
/// ignored), and metadata.managedFields is not written.
/// </summary>
public sealed class ServerSideApply
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _lastApplied = new(StringComparer.Ordinal);

    /// <summary>The object after <paramref name="manager"/> applies <paramref name="applied"/> to <paramref name="live"/>.</summary>
    public JsonObject Merge(string key, string manager, JsonObject? live, JsonObject applied)
    {
        if (live is null)
        {
            return applied.DeepClone().AsObject();
        }

        JsonObject? previous;
        lock (_gate)
        {
            _lastApplied.TryGetValue(Key(key, manager), out previous);
        }

        var patch = previous is null ? applied.DeepClone().AsObject() : MergePatch.Create(previous, applied);
        return StrategicMergePatch.Apply(live, patch)!.AsObject();
    }

    /// <summary>Records what a manager applied, once the write succeeded.</summary>
    public void Remember(string key, string manager, JsonObject applied)
    {
        lock (_gate)
        {
            _lastApplied[Key(key, manager)] = applied.DeepClone().AsObject();
        }
    }

    /// <summary>Forgets an object's applied configurations (it was deleted).</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            foreach (var k in _lastApplied.Keys.Where(k => k.StartsWith(key + "|", StringComparison.Ordinal)).ToList())
            {
                _lastApplied.Remove(k);
            }
        }
    }

    private static string Key(string key, string manager) => $"{key}|{manager}";
}
