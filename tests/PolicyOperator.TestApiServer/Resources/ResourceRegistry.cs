namespace PolicyOperator.Testing.ApiServer.Resources;

/// <summary>The resources being served: the built-ins plus every established CRD version. Thread-safe.</summary>
public sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly List<ResourceDefinition> _resources = [.. BuiltInResources.All];

    /// <summary>A snapshot of every served resource.</summary>
    public IReadOnlyList<ResourceDefinition> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _resources];
            }
        }
    }

    /// <summary>The resource served at group/version/plural, or null.</summary>
    public ResourceDefinition? Find(string group, string version, string plural)
    {
        lock (_gate)
        {
            return _resources.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
        }
    }

    /// <summary>Replaces the versions of one custom resource (group + plural) with <paramref name="versions"/>.</summary>
    public void ReplaceCustom(string group, string plural, IReadOnlyList<ResourceDefinition> versions)
    {
        lock (_gate)
        {
            _resources.RemoveAll(r => r.IsCustom && r.Group == group && r.Plural == plural);
            _resources.AddRange(versions);
        }
    }
}
