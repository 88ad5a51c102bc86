using System.Net;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Addressing;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Verification;

/// <summary>
/// Turns observed traffic back into flows for the evaluator (design rule 9): each workload becomes one of
/// its inventory pods where the inventory has one, else a pod carrying its labels; a Service peer one of
/// its backends (or its endpoints' addresses when it has no selector); nodes and external peers their
/// addresses. Entries that cannot be replayed are returned with the reason, never dropped. Pure.
/// </summary>
public sealed class TrafficReplay(InventoryIndex index)
{
    private readonly ServiceIndex _services = new(index);

    /// <summary>The flows of all traffic, and the entries that could not become flows.</summary>
    public (IReadOnlyList<ReplayedFlow> Flows, IReadOnlyList<(ObservedTraffic Traffic, TrafficEntry Entry, string Reason)> Unreplayable) Replay(IEnumerable<ObservedTraffic> traffic)
    {
        var flows = new List<ReplayedFlow>();
        var unreplayable = new List<(ObservedTraffic, TrafficEntry, string)>();
        foreach (var observed in traffic)
        {
            var local = FlowEndpoint.ForPod(Workload(observed.Spec.Workload, observed.Spec.Node));
            foreach (var (entries, isIngress) in new[] { (observed.Spec.Ingress, true), (observed.Spec.Egress, false) })
            {
                foreach (var entry in entries)
                {
                    var peers = Peers(entry.Peer, observed.Spec.Node, out var reason);
                    if (peers.Count == 0)
                    {
                        unreplayable.Add((observed, entry, reason ?? "peer has no address or labels"));
                    }

                    foreach (var peer in peers)
                    {
                        var flow = isIngress ? new Flow(peer, local, entry.Protocol.ToUpperInvariant(), entry.Port) : new Flow(local, peer, entry.Protocol.ToUpperInvariant(), entry.Port);
                        flows.Add(new ReplayedFlow(flow, observed, entry));
                    }
                }
            }
        }

        return (flows, unreplayable);
    }

    private List<FlowEndpoint> Peers(TrafficPeer peer, string localNode, out string? reason)
    {
        reason = null;
        switch (peer.Type)
        {
            case PeerType.Workload when peer.Workload is { } workload:
                return [FlowEndpoint.ForPod(Workload(workload, null))];
            case PeerType.Service when peer.Service is { Selector.Count: > 0 } service:
                var backend = _services.Find(service.Namespace, service.Name) is { } known ? _services.BackendPods(known).FirstOrDefault() : null;
                return [FlowEndpoint.ForPod(backend is not null ? PodEndpoints.FromPod(backend, index) : Synthetic(service.Namespace, service.Name, service.Selector, null, hostNetwork: false))];
            case PeerType.Service when peer.Service is { } service:
                var addresses = service.EndpointAddresses is { Count: > 0 } given ? given : _services.EndpointAddresses(service.Namespace, service.Name);
                reason = $"Service {service.Namespace}/{service.Name} has no selector and no known endpoints";
                return Addresses(addresses).Select(Address).ToList();
            case PeerType.Node when peer.Node is { } node:
                reason = "node without addresses";
                return Addresses(node.Addresses).Select(ip => FlowEndpoint.ForNode(ip, node.Name ?? (node.IsLocal ? localNode : null))).ToList();
            case PeerType.External when peer.External is { } external && CanonicalCidr.TryParse(external.Cidr, out var cidr):
                return [Address(cidr.Value.Network)];
            default:
                reason = $"a {peer.Type} peer without its details";
                return [];
        }
    }

    private FlowEndpoint Address(IPAddress ip) =>
        index.PodByIp(ip) is { } pod ? FlowEndpoint.ForPod(PodEndpoints.FromPod(pod, index)) : FlowEndpoint.ForAddress(ip);

    private PodEndpoint Workload(WorkloadReference workload, string? node)
    {
        var pod = index.PodsIn(workload.Namespace).FirstOrDefault(p => index.WorkloadOf(p) is { } w && w.Kind == workload.Kind && w.Name == workload.Name);
        var display = $"{workload.Namespace}/{workload.Name}[{workload.Kind}]";
        return pod is not null
            ? PodEndpoints.FromPod(pod, index, display)
            : Synthetic(workload.Namespace, workload.Name, workload.Labels ?? workload.Selector?.MatchLabels, node, workload.HostNetwork) with { DisplayName = display };
    }

    private PodEndpoint Synthetic(string ns, string name, IReadOnlyDictionary<string, string>? labels, string? node, bool hostNetwork) => new()
    {
        Namespace = ns,
        Name = name,
        Labels = labels ?? new Dictionary<string, string>(),
        NamespaceLabels = index.NamespaceLabels(ns),
        NodeName = node,
        HostNetwork = hostNetwork,
    };

    private static IEnumerable<IPAddress> Addresses(IEnumerable<string> addresses) =>
        addresses.Select(a => CanonicalCidr.TryParse(a, out var cidr) ? cidr.Value.Network : null).OfType<IPAddress>();
}
