using PolicyOperator.Api.Core;

namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Hairpinning: a workload reaching a Service (or node, or workload) of its own cluster through an
/// outside address or name, so the traffic leaves and re-enters the cluster (through the load
/// balancer or NAT). A connection from a workload to an outside or node peer is a hairpin when
/// <list type="number">
/// <item>its address is a Service's load balancer IP (<c>status.loadBalancer.ingress[].ip</c>) or external IP (<c>spec.externalIPs</c>) in the inventory;</item>
/// <item>one of the names it was reached by is a Service's load balancer host name;</item>
/// <item>its address is a node's <c>ExternalIP</c> in the inventory (a NodePort reached from outside);</item>
/// <item>its address is one the same cluster's records show as local to one of its workloads or nodes.</item>
/// </list>
/// Connections to a node's internal address are ordinary node traffic and not reported. The
/// inventory is taken to describe the cluster of every record.
/// </summary>
public static class HairpinReport
{
    public static IReadOnlyList<HairpinFlow> Build(ReportInput input)
    {
        var owners = new AddressOwners(input.Traffic);
        var byAddress = new Dictionary<string, (string Target, string Rule, string? Suggestion)>(StringComparer.Ordinal);
        var byHostName = new Dictionary<string, (string Target, string? Suggestion)>(StringComparer.Ordinal);
        var domain = DnsNames.Normalize(input.Options.ClusterDomain);
        foreach (var service in input.Inventory?.Inventory.Services ?? [])
        {
            var ns = service.Metadata.Namespace ?? "default";
            var target = $"service {ns}/{service.Metadata.Name}";
            var suggestion = $"{service.Metadata.Name}.{ns}.svc.{domain}";
            foreach (var ingress in service.Status?.LoadBalancer?.Ingress ?? [])
            {
                if (ingress.Ip is { } ip)
                {
                    byAddress.TryAdd(ip, (target, $"load balancer IP {ip}", suggestion));
                }

                if (ingress.Hostname is { } host)
                {
                    byHostName.TryAdd(DnsNames.Normalize(host), (target, suggestion));
                }
            }

            foreach (var ip in service.Spec.ExternalIPs ?? [])
            {
                byAddress.TryAdd(ip, (target, $"external IP {ip}", suggestion));
            }
        }

        foreach (var node in input.Inventory?.Inventory.Nodes ?? [])
        {
            foreach (var address in (node.Status?.Addresses ?? []).Where(a => a.Type == "ExternalIP"))
            {
                byAddress.TryAdd(address.Address, ($"node {node.Metadata.Name}", $"node ExternalIP {address.Address}", null));
            }
        }

        var flows = new List<HairpinFlow>();
        foreach (var edge in input.Edges.Where(e => e.Source.Kind == EndpointKind.Workload && e.Destination.Kind is EndpointKind.External or EndpointKind.Node))
        {
            if (Match(edge, byAddress, byHostName, owners) is { } match)
            {
                flows.Add(new HairpinFlow(edge.Source, edge.Destination, edge.Protocol, edge.Port, edge.Connections, match.Target, match.Reason, match.Suggestion));
            }
        }

        return [.. flows
            .OrderByDescending(f => f.Connections)
            .ThenBy(f => f.Source.ToString(), StringComparer.Ordinal)
            .ThenBy(f => f.Destination.ToString(), StringComparer.Ordinal)
            .ThenBy(f => f.Port)];
    }

    private static (string Target, string Reason, string? Suggestion)? Match(
        TrafficEdge edge,
        Dictionary<string, (string Target, string Rule, string? Suggestion)> byAddress,
        Dictionary<string, (string Target, string? Suggestion)> byHostName,
        AddressOwners owners)
    {
        var destination = edge.Destination;
        foreach (var (address, known) in byAddress.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (destination.Addresses.Any(cidr => NetworkAddresses.Contains(cidr, address)))
            {
                return (known.Target, known.Rule, known.Suggestion);
            }
        }

        if (destination.Kind == EndpointKind.External)
        {
            foreach (var name in destination.DnsNames)
            {
                if (byHostName.TryGetValue(name, out var known))
                {
                    return (known.Target, $"load balancer host name {name}", known.Suggestion);
                }
            }

            if (owners.Find(destination.Addresses) is { } owned && owned.Owner.Cluster == edge.Source.Cluster)
            {
                var target = owned.Owner.Kind == EndpointKind.Node ? $"node {owned.Owner.Name}" : $"workload {owned.Owner.Namespace}/{owned.Owner.Name}";
                return (target, $"address {owned.Address} is local to {owned.Owner} in the same cluster", null);
            }
        }

        return null;
    }
}
