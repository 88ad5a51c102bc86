using System.Net;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Addressing;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// Turns the peer of a traffic entry into policy peers: workloads by their stable selector (rule 3) in
/// their namespace (rule 4), Services by spec.selector or their endpoints (rule 2), nodes and host-network
/// pods by node addresses (rule 6), external addresses as canonical CIDRs (rule 7). Pod IPs never become ipBlocks.
/// </summary>
internal sealed class PeerTranslator
{
    private readonly InventoryIndex _index;
    private readonly ServiceIndex _services;
    private readonly IReadOnlySet<string> _extraVolatile;
    private readonly IReadOnlyDictionary<(string Namespace, string Kind, string Name), LabelSelector> _knownSelectors;
    private readonly Dictionary<string, IReadOnlyList<string>> _nodeAddresses = new(StringComparer.Ordinal);
    private readonly Dictionary<IPAddress, string> _nodeByAddress = [];

    public PeerTranslator(
        InventoryIndex index,
        ServiceIndex services,
        IReadOnlySet<string> extraVolatile,
        IReadOnlyDictionary<(string Namespace, string Kind, string Name), LabelSelector> knownSelectors)
    {
        _knownSelectors = knownSelectors;
        _index = index;
        _services = services;
        _extraVolatile = extraVolatile;
        foreach (var node in index.Inventory.Nodes)
        {
            var addresses = (node.Status?.Addresses ?? [])
                .Where(a => a.Type is "InternalIP" or "ExternalIP" && IPAddress.TryParse(a.Address, out _))
                .Select(a => a.Address).ToList();
            if (node.Metadata.Name is { } name)
            {
                _nodeAddresses[name] = addresses;
            }

            foreach (var address in addresses)
            {
                _nodeByAddress[IPAddress.Parse(address)] = node.Metadata.Name ?? address;
            }
        }
    }

    /// <summary>Translations by peer value: traffic repeats the same peers many times.</summary>
    private readonly Dictionary<PeerCacheKey, PeerTranslation> _cache = [];

    public PeerTranslation Translate(TrafficPeer peer, TrafficDirection direction)
    {
        var key = PeerCacheKey.Of(peer, direction);
        if (!_cache.TryGetValue(key, out var translation))
        {
            _cache[key] = translation = TranslateUncached(peer, direction);
        }

        return translation;
    }

    private PeerTranslation TranslateUncached(TrafficPeer peer, TrafficDirection direction) => peer.Type switch
    {
        PeerType.Workload when peer.Workload is { } workload => Workload(workload),
        PeerType.Service when peer.Service is { } service => Service(service),
        PeerType.Node when peer.Node is { } node => Node(node, direction),
        PeerType.External when peer.External is { } external => External(external),
        _ => PeerTranslation.Unresolved(peer.Type.ToString(), $"a {peer.Type} peer without its {peer.Type} details"),
    };

    /// <summary>The port a connection is enforced on now (<see cref="ServiceIndex.EnforcedPort"/>).</summary>
    public int EnforcedPort(TrafficEntry entry, string protocol) => _services.EnforcedPort(entry, protocol);

    /// <summary>
    /// The stable selector of a workload: its own (minus volatile keys), the one the traffic knows it by
    /// elsewhere, or the one its pods resolve to in the inventory.
    /// </summary>
    public LabelSelector? SelectorOf(WorkloadReference workload) =>
        VolatileLabels.StableSelector(workload.Selector, _extraVolatile)
        ?? VolatileLabels.StableSelector(_knownSelectors.GetValueOrDefault((workload.Namespace, workload.Kind, workload.Name)), _extraVolatile)
        ?? _index.PodsIn(workload.Namespace)
            .Select(_index.WorkloadOf)
            .FirstOrDefault(w => w.Kind == workload.Kind && w.Name == workload.Name && w.Selector is not null)?.Selector;

    private PeerTranslation Workload(WorkloadReference workload)
    {
        var observed = Describe(workload);
        if (workload.HostNetwork)
        {
            var addresses = _index.PodsIn(workload.Namespace)
                .Where(p => p.Spec.HostNetwork == true && _index.WorkloadOf(p) is { } w && w.Kind == workload.Kind && w.Name == workload.Name)
                .SelectMany(p => p.Status?.HostIP is { } host ? [host] : _nodeAddresses.GetValueOrDefault(p.Spec.NodeName ?? string.Empty) ?? [])
                .ToList();
            return addresses.Count > 0
                ? new PeerTranslation(Blocks(addresses), observed)
                : PeerTranslation.Unresolved(observed, "host-network workload: the addresses of its nodes are unknown (give an inventory with its pods and nodes)");
        }

        return SelectorOf(workload) is { } selector
            ? new PeerTranslation([PolicyPeers.Pods(workload.Namespace, selector)], observed)
            : PeerTranslation.Unresolved(observed, "no stable label selects this workload's pods; no rule written rather than an empty selector");
    }

    private PeerTranslation Service(ServicePeer service)
    {
        var observed = $"Service {service.Namespace}/{service.Name}";
        if (service.Selector is { Count: > 0 } selector)
        {
            return new PeerTranslation([PolicyPeers.Pods(service.Namespace, new LabelSelector { MatchLabels = selector })], observed);
        }

        var addresses = service.EndpointAddresses is { Count: > 0 } given ? given : _services.EndpointAddresses(service.Namespace, service.Name);
        if (addresses.Count == 0)
        {
            return PeerTranslation.Unresolved(observed, "Service without a selector and with no known endpoints (give an inventory with its EndpointSlices)");
        }

        var peers = new List<TranslatedPeer>();
        foreach (var address in addresses)
        {
            if (IPAddress.TryParse(address, out var ip) && _index.PodByIp(ip) is { } pod)
            {
                // An endpoint that is a pod: select the pod's workload, never its IP (rule 6).
                var workload = _index.WorkloadOf(pod);
                if (workload.Selector is null)
                {
                    return PeerTranslation.Unresolved(observed, $"endpoint {address} is pod {workload} without a stable selector");
                }

                peers.Add(PolicyPeers.Pods(workload.Namespace, workload.Selector));
            }
            else if (CanonicalCidr.TryParse(address, out var cidr))
            {
                peers.Add(PolicyPeers.Block(cidr.Value, []) with { External = null });
            }
        }

        return new PeerTranslation(peers, observed);
    }

    private PeerTranslation Node(NodePeer node, TrafficDirection direction)
    {
        var observed = $"node {node.Name ?? string.Join(",", node.Addresses)}";
        if (node.IsLocal && direction == TrafficDirection.Ingress)
        {
            return new PeerTranslation([], observed, ImplicitReason: "ingress from the pod's own node is always allowed");
        }

        var addresses = node.Addresses.Concat(node.Name is { } name ? _nodeAddresses.GetValueOrDefault(name) ?? [] : []).ToList();
        return addresses.Count > 0
            ? new PeerTranslation(Blocks(addresses), observed)
            : PeerTranslation.Unresolved(observed, "node addresses unknown (give an inventory with its nodes)");
    }

    private PeerTranslation External(ExternalPeer external)
    {
        if (!CanonicalCidr.TryParse(external.Cidr, out var cidr))
        {
            return PeerTranslation.Unresolved(external.Cidr, "not an IP address or CIDR");
        }

        if (cidr.Value.IsSingleAddress && _index.PodByIp(cidr.Value.Network) is { } pod)
        {
            // The address is a pod's: select its workload instead (rule 6).
            var workload = _index.WorkloadOf(pod);
            return workload.Selector is { } selector
                ? new PeerTranslation([PolicyPeers.Pods(workload.Namespace, selector)], workload.ToString())
                : PeerTranslation.Unresolved(workload.ToString(), $"address {cidr} is a pod without a stable selector");
        }

        var observed = _nodeByAddress.TryGetValue(cidr.Value.Network, out var nodeName) ? $"node {nodeName}" : cidr.Value.ToString();
        var block = PolicyPeers.Block(cidr.Value, external.DnsNames);
        return new PeerTranslation([nodeName is null ? block : block with { External = null }], observed);
    }

    private static List<TranslatedPeer> Blocks(IEnumerable<string> addresses) =>
        addresses
            .Select(a => CanonicalCidr.TryParse(a, out var cidr) ? cidr : null)
            .OfType<CanonicalCidr>()
            .Distinct()
            .Select(c => PolicyPeers.Block(c, []) with { External = null })
            .ToList();

    public static string Describe(WorkloadReference workload) => $"{workload.Namespace}/{workload.Name}[{workload.Kind}]";
}
