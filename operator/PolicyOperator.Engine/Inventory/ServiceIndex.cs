using System.Net;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Inventory;

/// <summary>
/// Lookups of Services over a <see cref="ClusterInventory"/>: by name and ClusterIP, their endpoint
/// addresses, and the target port a Service port leads to after DNAT (design rule 1). Built once, then read.
/// </summary>
public sealed class ServiceIndex
{
    private readonly Dictionary<(string Namespace, string Name), Service> _byName = [];
    private readonly Dictionary<IPAddress, Service> _byClusterIp = [];
    private readonly Dictionary<(string Namespace, string Name), List<EndpointSlice>> _slices = [];
    private readonly InventoryIndex _pods;

    public ServiceIndex(InventoryIndex pods)
    {
        _pods = pods;
        foreach (var service in pods.Inventory.Services)
        {
            if (service.Metadata.Name is not { } name)
            {
                continue;
            }

            _byName[(service.Metadata.Namespace ?? "default", name)] = service;
            foreach (var ip in service.Spec.ClusterIPs ?? (service.Spec.ClusterIP is { } one ? [one] : []))
            {
                if (IPAddress.TryParse(ip, out var parsed))
                {
                    _byClusterIp[parsed] = service;
                }
            }
        }

        foreach (var slice in pods.Inventory.EndpointSlices)
        {
            if (slice.Metadata.Labels?.GetValueOrDefault(EndpointSlice.ServiceNameLabel) is { } serviceName)
            {
                var key = (slice.Metadata.Namespace ?? "default", serviceName);
                if (!_slices.TryGetValue(key, out var list))
                {
                    _slices[key] = list = [];
                }

                list.Add(slice);
            }
        }
    }

    /// <summary>The Service with this name, or null.</summary>
    public Service? Find(string ns, string name) => _byName.GetValueOrDefault((ns, name));

    /// <summary>The Service with this ClusterIP, or null.</summary>
    public Service? ByClusterIp(IPAddress ip) => _byClusterIp.GetValueOrDefault(ip);

    /// <summary>The endpoint addresses of a Service from its EndpointSlices (sorted, distinct).</summary>
    public IReadOnlyList<string> EndpointAddresses(string ns, string name) =>
        _slices.TryGetValue((ns, name), out var slices)
            ? slices.SelectMany(s => s.Endpoints ?? []).SelectMany(e => e.Addresses).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// The port the backends listen on for a Service port: a numeric targetPort; a named one through the
    /// EndpointSlices (named like the Service port) or else the backend pods' container ports; the Service
    /// port itself when targetPort is absent. Null when the Service has no such port or a name cannot be resolved.
    /// </summary>
    public int? TargetPort(Service service, int servicePort, string protocol)
    {
        var port = service.Spec.Ports?.FirstOrDefault(p => p.Port == servicePort && string.Equals(p.Protocol ?? "TCP", protocol, StringComparison.OrdinalIgnoreCase));
        if (port is null)
        {
            return null;
        }

        if (port.TargetPort is not { } target)
        {
            return port.Port;
        }

        if (target.Number is { } number)
        {
            return number;
        }

        var ns = service.Metadata.Namespace ?? "default";
        var fromSlices = _slices.GetValueOrDefault((ns, service.Metadata.Name ?? string.Empty))?
            .SelectMany(s => s.Ports ?? [])
            .FirstOrDefault(p => p.Name == port.Name && p.Port is not null && string.Equals(p.Protocol ?? "TCP", protocol, StringComparison.OrdinalIgnoreCase));
        if (fromSlices?.Port is { } resolved)
        {
            return resolved;
        }

        return BackendPods(service)
            .SelectMany(p => p.Spec.Containers)
            .SelectMany(c => c.Ports ?? [])
            .FirstOrDefault(c => c.Name == target.Name && string.Equals(c.Protocol ?? "TCP", protocol, StringComparison.OrdinalIgnoreCase))?.Number;
    }

    /// <summary>
    /// The port a connection to a Service is enforced on now (design rule 1): the Service's current target
    /// port for the recorded Service port, so that a Service whose targetPort changed after the traffic was
    /// recorded is allowed (and replayed) on the port its pods listen on. The recorded port when the entry's
    /// peer is no Service, the Service or its port is not in the inventory, or a named target port cannot be resolved.
    /// </summary>
    public int EnforcedPort(TrafficEntry entry, string protocol) =>
        entry.Peer.Service is { } peer && entry.ServicePort is { } servicePort
        && Find(peer.Namespace, peer.Name) is { } service
        && TargetPort(service, servicePort, protocol) is { } target
            ? target
            : entry.Port;

    /// <summary>The pods of the Service's namespace that its spec.selector selects (none for a selectorless Service).</summary>
    public IEnumerable<Pod> BackendPods(Service service)
    {
        if (service.Spec.Selector is not { Count: > 0 } selector)
        {
            return [];
        }

        return _pods.PodsIn(service.Metadata.Namespace ?? "default")
            .Where(p => selector.All(kv => p.Metadata.Labels?.GetValueOrDefault(kv.Key) == kv.Value));
    }
}
