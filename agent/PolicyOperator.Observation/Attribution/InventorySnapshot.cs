using PolicyOperator.Api.Core;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Traffic;

namespace PolicyOperator.Observation.Attribution;

/// <summary>
/// The cluster as attribution sees it at one moment: pods by UID and IP with their workloads,
/// Services with their EndpointSlices, and nodes by address. Built from an inventory file
/// (standalone) or from the agent's informer caches.
/// </summary>
public sealed class InventorySnapshot
{
    private readonly Dictionary<string, Pod> _podsByUid = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="inventory"/>.</summary>
    public InventorySnapshot(ClusterInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        Index = new InventoryIndex(inventory);
        Attribution = new PodAttribution(Index);
        Services = Attribution.Services!;
        foreach (var pod in inventory.Pods)
        {
            if (pod.Metadata.Uid is { Length: > 0 } uid)
            {
                _podsByUid[uid] = pod;
            }
        }
    }

    /// <summary>Pods by IP and their owning workloads.</summary>
    public InventoryIndex Index { get; }

    /// <summary>Workloads of pods, and what an address is (pod or node).</summary>
    public PodAttribution Attribution { get; }

    /// <summary>Services by ClusterIP, with target ports through EndpointSlices.</summary>
    public ServiceIndex Services { get; }

    /// <summary>The pod with this UID, or null.</summary>
    public Pod? PodByUid(string uid) => _podsByUid.GetValueOrDefault(uid);
}
