using System.Net;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Addressing;
using PolicyOperator.Sensor.Aggregation;

namespace PolicyOperator.Observation.Attribution;

/// <summary>
/// The remote end of a flow: a Service ClusterIP (egress; the port recorded is the target port,
/// named ports resolved through EndpointSlices, the Service port kept), a pod (cluster-wide, as its
/// workload), a node, another local endpoint (standalone: a named network namespace), or an external
/// address with the DNS names it was resolved from. Loopback is the workload talking to itself: null.
/// </summary>
public static class RemoteAttributor
{
    /// <summary>Attributes the remote end of <paramref name="flow"/>.</summary>
    /// <param name="flow">The flow.</param>
    /// <param name="node">The node the agent runs on.</param>
    /// <param name="inventory">The cluster, or null in standalone mode without an inventory.</param>
    /// <param name="localAddresses">Addresses of local endpoints seen by the sensor (standalone peers).</param>
    public static RemoteEndpoint? Attribute(
        FlowRecord flow, string node, InventorySnapshot? inventory, IReadOnlyDictionary<IPAddress, LocalEndpoint> localAddresses)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(localAddresses);
        var remote = flow.Key.RemoteAddress;
        if (IPAddress.IsLoopback(remote) || remote.Equals(IPAddress.Any) || remote.Equals(IPAddress.IPv6Any))
        {
            return null;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        var port = (int)flow.Key.Port;
        var protocol = ProtocolName(flow.Key.Protocol);
        if (inventory is not null)
        {
            if (flow.Key.Direction == FlowDirection.Egress && inventory.Services.ByClusterIp(remote) is { } service)
            {
                var target = inventory.Services.TargetPort(service, port, protocol) ?? port;
                return new RemoteEndpoint(ServicePeer(service, remote, inventory), target, target == port ? null : port);
            }

            if (inventory.Attribution.ByAddress(remote, node) is { } known)
            {
                return new RemoteEndpoint(known, port, null);
            }
        }

        if (localAddresses.TryGetValue(remote, out var local) && local.Workload is { } workload)
        {
            var peer = local.Kind == LocalEndpointKind.NodeProcess
                ? new TrafficPeer { Type = PeerType.Node, Node = new NodePeer { Name = node, Addresses = [remote.ToString()], IsLocal = true } }
                : new TrafficPeer { Type = PeerType.Workload, Workload = workload };
            return new RemoteEndpoint(peer, port, null);
        }

        var external = new ExternalPeer { Cidr = CanonicalCidr.Of(remote).ToString(), DnsNames = [.. flow.DnsNames.Order(StringComparer.Ordinal)] };
        return new RemoteEndpoint(new TrafficPeer { Type = PeerType.External, External = external }, port, null);
    }

    /// <summary>The protocol as Kubernetes names it.</summary>
    public static string ProtocolName(FlowProtocol protocol) => protocol == FlowProtocol.Udp ? "UDP" : "TCP";

    private static TrafficPeer ServicePeer(Service service, IPAddress clusterIp, InventorySnapshot inventory)
    {
        var ns = service.Metadata.Namespace ?? "default";
        var name = service.Metadata.Name ?? string.Empty;
        var selector = service.Spec.Selector is { Count: > 0 } s ? s : null;
        return new TrafficPeer
        {
            Type = PeerType.Service,
            Service = new ServicePeer
            {
                Name = name,
                Namespace = ns,
                Selector = selector,
                ClusterIp = clusterIp.ToString(),
                EndpointAddresses = selector is null ? inventory.Services.EndpointAddresses(ns, name) : null,
            },
        };
    }
}
