using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Which observed workload or node an address belongs to, learnt from the records themselves: the
/// local address of a workload's connection samples (source of egress, destination of ingress) and
/// a node's own addresses (a local node peer).
/// </summary>
internal sealed class AddressOwners
{
    private readonly Dictionary<string, TrafficEndpoint> _owners = new(StringComparer.Ordinal);

    public AddressOwners(IReadOnlyList<ObservedTraffic> traffic)
    {
        foreach (var record in traffic)
        {
            var self = TrafficEdges.Self(record.Spec);
            foreach (var sample in record.Spec.Egress.SelectMany(e => e.Samples))
            {
                _owners.TryAdd(sample.SourceIp, self);
            }

            foreach (var sample in record.Spec.Ingress.SelectMany(e => e.Samples))
            {
                _owners.TryAdd(sample.DestinationIp, self);
            }

            foreach (var node in record.Spec.Ingress.Concat(record.Spec.Egress).Select(e => e.Peer.Node).OfType<NodePeer>().Where(n => n.IsLocal))
            {
                foreach (var address in node.Addresses)
                {
                    _owners.TryAdd(address, new TrafficEndpoint { Kind = EndpointKind.Node, Cluster = record.Spec.Cluster, Name = node.Name ?? record.Spec.Node, Addresses = [address] });
                }
            }
        }
    }

    /// <summary>The owner of an address inside one of <paramref name="cidrs"/>, or null.</summary>
    public (TrafficEndpoint Owner, string Address)? Find(IEnumerable<string> cidrs)
    {
        foreach (var cidr in cidrs)
        {
            // A /32 or /128 is a direct lookup; a grouped CIDR needs a scan.
            var single = cidr.EndsWith("/32", StringComparison.Ordinal) || cidr.EndsWith("/128", StringComparison.Ordinal) || !cidr.Contains('/', StringComparison.Ordinal)
                ? cidr.Split('/')[0]
                : null;
            if (single is not null && _owners.TryGetValue(single, out var owner))
            {
                return (owner, single);
            }

            if (single is null)
            {
                foreach (var (address, candidate) in _owners.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    if (NetworkAddresses.Contains(cidr, address))
                    {
                        return (candidate, address);
                    }
                }
            }
        }

        return null;
    }
}
