using System.Net;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Attributes pods and addresses to workloads, nodes and Services: through the inventory where there is
/// one (owner chain, stable selector, named ports), else from what the flow itself carries (labels, names).
/// </summary>
public sealed class PodAttribution
{
    private readonly InventoryIndex? _index;
    private readonly Dictionary<IPAddress, string> _nodeByAddress = [];

    /// <summary>Indexes the nodes of the inventory; without one, nothing is known by address.</summary>
    public PodAttribution(InventoryIndex? index)
    {
        _index = index;
        Services = index is null ? null : new ServiceIndex(index);
        foreach (var node in index?.Inventory.Nodes ?? [])
        {
            foreach (var address in node.Status?.Addresses ?? [])
            {
                if (IPAddress.TryParse(address.Address, out var ip))
                {
                    _nodeByAddress[ip] = node.Metadata.Name ?? address.Address;
                }
            }
        }
    }

    /// <summary>The Services of the inventory; null without one.</summary>
    public ServiceIndex? Services { get; }

    /// <summary>True when there is an inventory to attribute with.</summary>
    public bool HasInventory => _index is not null;

    /// <summary>
    /// The workload of a pod: the inventory's answer (by IP, then by name) where it knows the pod, else the
    /// given workload hint or the name's guess, selected by the pod's labels minus volatile ones.
    /// </summary>
    public WorkloadReference Pod(string ns, string podName, IPAddress? ip, IReadOnlyDictionary<string, string>? labels, (string Kind, string Name)? hint = null)
    {
        var pod = (ip is null ? null : _index?.PodByIp(ip)) is { } byIp && byIp.Metadata.Namespace == ns
            ? byIp
            : _index?.PodsIn(ns).FirstOrDefault(p => p.Metadata.Name == podName);
        if (pod is not null)
        {
            var resolved = _index!.WorkloadOf(pod);
            return new WorkloadReference
            {
                Kind = resolved.Kind,
                Name = resolved.Name,
                Namespace = resolved.Namespace,
                Selector = resolved.Selector,
                Labels = pod.Metadata.Labels,
                HostNetwork = pod.Spec.HostNetwork == true,
                ServiceAccount = pod.Spec.ServiceAccountName,
            };
        }

        var (kind, name) = hint ?? PodNames.InferWorkload(podName);
        var stable = VolatileLabels.Strip(labels);
        return new WorkloadReference
        {
            Kind = kind,
            Name = name,
            Namespace = ns,
            Selector = stable.Count > 0 ? new LabelSelector { MatchLabels = stable } : null,
            Labels = labels,
        };
    }

    /// <summary>What the inventory knows an address to be: a pod's workload or a node; null when it does not know it.</summary>
    public TrafficPeer? ByAddress(IPAddress ip, string localNode)
    {
        if (_index?.PodByIp(ip) is { } pod)
        {
            return new TrafficPeer { Type = PeerType.Workload, Workload = Pod(pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? string.Empty, ip, pod.Metadata.Labels) };
        }

        return _nodeByAddress.TryGetValue(ip, out var node)
            ? new TrafficPeer { Type = PeerType.Node, Node = new NodePeer { Name = node, Addresses = [ip.ToString()], IsLocal = node == localNode } }
            : null;
    }
}
