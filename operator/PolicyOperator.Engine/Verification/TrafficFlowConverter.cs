using System.Net;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Verification;

/// <summary>
/// Turns ObservedTraffic into evaluator flows. A workload is its first pod in the inventory, or else a
/// pod made from the reference's labels (or selector). A Service peer is its backend workload, or a pod
/// selected by <c>spec.selector</c>; a selectorless Service is its endpoint addresses. Node peers are their
/// addresses (marked with the node, for own-node ingress); external peers the first and last address of their CIDR.
/// The port is the entry's port as enforced (the target port). Pure; one converter per inventory.
/// </summary>
public sealed class TrafficFlowConverter
{
    private readonly InventoryIndex _index;
    private readonly ServiceIndex _services;
    private readonly Dictionary<(string Kind, string Namespace, string Name), Api.Core.Pod> _podsByWorkload = [];
    private readonly Dictionary<(string Kind, string Namespace, string Name, string? Node), PodEndpoint?> _endpoints = [];
    private readonly Dictionary<PodEndpoint, Dictionary<(string Name, string Protocol, int Port), PodEndpoint>> _withNamedPort = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PodEndpoint, FlowEndpoint[]> _flowEndpoints = new(ReferenceEqualityComparer.Instance);

    // Traffic repeats the same peers many times: node and external peers are parsed once per value.
    private readonly Dictionary<(string? Node, string Addresses), FlowEndpoint[]> _nodePeers = [];
    private readonly Dictionary<string, FlowEndpoint[]> _externalPeers = new(StringComparer.Ordinal);

    public TrafficFlowConverter(InventoryIndex index)
    {
        _index = index;
        _services = new ServiceIndex(index);
        foreach (var pod in index.Inventory.Pods)
        {
            var workload = index.WorkloadOf(pod);
            _podsByWorkload.TryAdd((workload.Kind, workload.Namespace, workload.Name), pod);
            _podsByWorkload.TryAdd(("Pod", workload.Namespace, pod.Metadata.Name ?? string.Empty), pod);
        }
    }

    /// <summary>Every entry of every object, in input order.</summary>
    public ObservedFlowSet Convert(IEnumerable<ObservedTraffic> traffic)
    {
        var flows = new List<ObservedFlow>();
        var unattributed = new List<UnattributedFlow>();
        foreach (var observed in traffic)
        {
            var name = $"{observed.Metadata.Namespace ?? observed.Spec.Workload.Namespace}/{observed.Metadata.Name}";
            var self = Self(observed, out var selfProblem);
            // Null-tolerant: objects deserialized without the ingest defaults may lack either list.
            Add(observed.Spec.Egress ?? [], "egress", egress: true);
            Add(observed.Spec.Ingress ?? [], "ingress", egress: false);

            void Add(IReadOnlyList<TrafficEntry> entries, string field, bool egress)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    var entry = entries[i];
                    var origin = new EntryOrigin(name, field, i);
                    if (self is null)
                    {
                        unattributed.Add(new UnattributedFlow(origin.ToString(), selfProblem!));
                        continue;
                    }

                    var peers = Peer(entry.Peer, observed.Spec.Node, out var problem);
                    if (peers.Count == 0)
                    {
                        unattributed.Add(new UnattributedFlow(origin.ToString(), problem ?? "the peer has no address"));
                        continue;
                    }

                    var protocol = entry.Protocol is "TCP" or "UDP" or "SCTP" ? entry.Protocol : entry.Protocol.ToUpperInvariant();

                    // Replayed on the port the synthesis allows: a Service's current target port.
                    var port = _services.EnforcedPort(entry, protocol);
                    for (var p = 0; p < peers.Count; p++)
                    {
                        var peer = peers[p];
                        var (source, destination) = egress ? (self, peer) : (peer, self);
                        destination = WithNamedPort(destination, entry.PortName, protocol, port);
                        flows.Add(new ObservedFlow(new Flow(source, destination, protocol, port), origin, entry));
                    }
                }
            }
        }

        return new ObservedFlowSet(flows, unattributed);
    }

    private FlowEndpoint? Self(ObservedTraffic observed, out string? problem)
    {
        var workload = observed.Spec.Workload;
        if (workload.Kind == "Host")
        {
            var address = NodeAddress(observed.Spec.Node);
            problem = address is null ? $"node {observed.Spec.Node} has no known address (add it to the inventory)" : null;
            return address is null ? null : FlowEndpoint.ForNode(address, observed.Spec.Node);
        }

        var pod = Workload(workload, observed.Spec.Node);
        problem = pod is null ? $"workload {workload.Namespace}/{workload.Name}[{workload.Kind}] has no pod in the inventory and no labels" : null;
        return pod is null ? null : Endpoint(pod);
    }

    private FlowEndpoint Endpoint(PodEndpoint pod) => Endpoints(pod)[0];

    /// <summary>The pod's flow endpoint, as a one-element list shared by every flow to or from it.</summary>
    private FlowEndpoint[] Endpoints(PodEndpoint pod)
    {
        if (!_flowEndpoints.TryGetValue(pod, out var endpoints))
        {
            _flowEndpoints[pod] = endpoints = [FlowEndpoint.ForPod(pod)];
        }

        return endpoints;
    }

    private IReadOnlyList<FlowEndpoint> Peer(TrafficPeer peer, string observingNode, out string? problem)
    {
        problem = null;
        switch (peer.Type)
        {
            case PeerType.Workload when peer.Workload is { } workload:
                var pod = Workload(workload, null);
                problem = pod is null ? $"peer workload {workload.Namespace}/{workload.Name}[{workload.Kind}] has no pod in the inventory and no labels" : null;
                return pod is null ? [] : Endpoints(pod);
            case PeerType.Service when peer.Service is { } service:
                return ServiceEndpoints(service, out problem);
            case PeerType.Node when peer.Node is { } node:
                var nodeName = node.Name ?? (node.IsLocal ? observingNode : null);
                var nodeKey = (nodeName, node.Addresses.Count == 1 ? node.Addresses[0] : string.Join('\n', node.Addresses));
                if (!_nodePeers.TryGetValue(nodeKey, out var nodeEndpoints))
                {
                    var addresses = node.Addresses.Select(ParseAddress).OfType<IPAddress>().ToList();
                    if (addresses.Count == 0 && nodeName is not null && NodeAddress(nodeName) is { } known)
                    {
                        addresses.Add(known);
                    }

                    _nodePeers[nodeKey] = nodeEndpoints = [.. addresses.Select(a => FlowEndpoint.ForNode(a, nodeName))];
                }

                problem = nodeEndpoints.Length == 0 ? $"node peer {nodeName ?? "(unnamed)"} has no address" : null;
                return nodeEndpoints;
            case PeerType.External when peer.External is { } external:
                if (_externalPeers.TryGetValue(external.Cidr, out var externalEndpoints))
                {
                    return externalEndpoints;
                }

                try
                {
                    // A grouped CIDR is checked at both ends, so a policy that allows only part of the group is caught.
                    var range = IpRange.ParseCidr(external.Cidr);
                    externalEndpoints = range.Start == range.End
                        ? [FlowEndpoint.ForAddress(range.First)]
                        : [FlowEndpoint.ForAddress(range.First), FlowEndpoint.ForAddress(range.Last)];
                    _externalPeers[external.Cidr] = externalEndpoints;
                    return externalEndpoints;
                }
                catch (FormatException ex)
                {
                    problem = $"external peer: {ex.Message}";
                    return [];
                }

            default:
                problem = $"peer of type {peer.Type} has no {peer.Type.ToString().ToLowerInvariant()} field";
                return [];
        }
    }

    private IReadOnlyList<FlowEndpoint> ServiceEndpoints(ServicePeer service, out string? problem)
    {
        problem = null;
        if (service.Backend is { } backend && Workload(backend, null) is { } backendPod)
        {
            return Endpoints(backendPod);
        }

        if (service.Selector is { Count: > 0 } selector)
        {
            var key = ("Service", service.Namespace, service.Name, (string?)null);
            if (!_endpoints.TryGetValue(key, out var endpoint))
            {
                var selected = _index.PodsIn(service.Namespace).FirstOrDefault(p =>
                    selector.All(s => p.Metadata.Labels?.TryGetValue(s.Key, out var v) == true && v == s.Value));
                endpoint = selected is not null
                    ? PodEndpoints.FromPod(selected, _index, $"{service.Namespace}/{service.Name}[Service]")
                    : new PodEndpoint
                    {
                        Namespace = service.Namespace,
                        Name = service.Name,
                        Labels = selector,
                        NamespaceLabels = _index.NamespaceLabels(service.Namespace),
                        DisplayName = $"{service.Namespace}/{service.Name}[Service]",
                    };
                _endpoints[key] = endpoint;
            }

            return Endpoints(endpoint!);
        }

        var addresses = (service.EndpointAddresses ?? []).Select(ParseAddress).OfType<IPAddress>().ToList();
        problem = addresses.Count == 0 ? $"Service {service.Namespace}/{service.Name} has no selector, backend or endpoint addresses" : null;
        return [.. addresses.Select(FlowEndpoint.ForAddress)];
    }

    private PodEndpoint? Workload(WorkloadReference workload, string? node)
    {
        // The observing node matters for own-node ingress, so a workload seen from a node is its own entry.
        var key = (workload.Kind, workload.Namespace, workload.Name, node);
        if (_endpoints.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var display = $"{workload.Namespace}/{workload.Name}[{workload.Kind}]";
        PodEndpoint? endpoint = null;
        if (_podsByWorkload.TryGetValue((workload.Kind, workload.Namespace, workload.Name), out var pod))
        {
            endpoint = PodEndpoints.FromPod(pod, _index, display);
            endpoint = node is null ? endpoint : endpoint with { NodeName = node };
        }
        else if ((workload.Labels ?? workload.Selector?.MatchLabels) is { Count: > 0 } labels)
        {
            endpoint = new PodEndpoint
            {
                Namespace = workload.Namespace,
                Name = workload.Name,
                Labels = labels,
                NamespaceLabels = _index.NamespaceLabels(workload.Namespace),
                HostNetwork = workload.HostNetwork,
                NodeName = node,
                DisplayName = display,
            };
        }

        _endpoints[key] = endpoint;
        return endpoint;
    }

    private FlowEndpoint WithNamedPort(FlowEndpoint destination, string? portName, string protocol, int port)
    {
        if (portName is null || destination.Pod is not { } pod || HasNamedPort(pod, portName, protocol))
        {
            return destination;
        }

        // The agent saw the port's name on the destination; keep it so that named-port rules resolve.
        if (!_withNamedPort.TryGetValue(pod, out var variants))
        {
            _withNamedPort[pod] = variants = [];
        }

        if (!variants.TryGetValue((portName, protocol, port), out var named))
        {
            variants[(portName, protocol, port)] = named = pod with { NamedPorts = [.. pod.NamedPorts, new NamedPort(portName, protocol, port)] };
        }

        return Endpoint(named);
    }

    private static bool HasNamedPort(PodEndpoint pod, string name, string protocol)
    {
        foreach (var named in pod.NamedPorts)
        {
            if (named.Name == name && named.Protocol == protocol)
            {
                return true;
            }
        }

        return false;
    }

    private IPAddress? NodeAddress(string nodeName)
    {
        var node = _index.Inventory.Nodes.FirstOrDefault(n => n.Metadata.Name == nodeName);
        var addresses = node?.Status?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.Type == "InternalIP") ?? addresses.FirstOrDefault(a => a.Type != "Hostname");
        return address is null ? null : ParseAddress(address.Address);
    }

    private static IPAddress? ParseAddress(string text) => IPAddress.TryParse(text, out var ip) ? ip : null;
}
