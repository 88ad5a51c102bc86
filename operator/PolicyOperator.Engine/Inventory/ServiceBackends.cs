using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Inventory;

/// <summary>
/// Names the workload behind each Service peer that does not say (recorders that know a ClusterIP's
/// Service, such as <c>policyctl observe</c> or Inspektor Gadget, may leave the backend out): the
/// workload of the pods the Service's <c>spec.selector</c> selects in the inventory, when they all
/// belong to one. A map then shows a client and the workload it reaches through a Service as one
/// edge, the same one the workload's own ingress records.
/// </summary>
public static class ServiceBackends
{
    /// <summary>The traffic with backends filled in where the inventory decides them; everything else as it was.</summary>
    public static IReadOnlyList<ObservedTraffic> Resolve(IReadOnlyList<ObservedTraffic> traffic, InventoryIndex inventory)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(inventory);
        var services = new ServiceIndex(inventory);
        var backends = new Dictionary<(string Namespace, string Name), WorkloadReference?>();

        WorkloadReference? BackendOf(ServicePeer service)
        {
            if (!backends.TryGetValue((service.Namespace, service.Name), out var backend))
            {
                var workloads = services.Find(service.Namespace, service.Name) is { } found
                    ? services.BackendPods(found).Select(inventory.WorkloadOf).DistinctBy(w => (w.Kind, w.Namespace, w.Name)).ToList()
                    : [];
                backend = workloads is [var only]
                    ? new WorkloadReference { Kind = only.Kind, Name = only.Name, Namespace = only.Namespace, Selector = only.Selector }
                    : null;
                backends[(service.Namespace, service.Name)] = backend;
            }

            return backend;
        }

        TrafficEntry Fill(TrafficEntry entry) =>
            entry.Peer.Service is { Backend: null } service && BackendOf(service) is { } backend
                ? entry with { Peer = entry.Peer with { Service = service with { Backend = backend } } }
                : entry;

        return traffic
            .Select(t => t with { Spec = t.Spec with { Ingress = [.. t.Spec.Ingress.Select(Fill)], Egress = [.. t.Spec.Egress.Select(Fill)] } })
            .ToList();
    }
}
