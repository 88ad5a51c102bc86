using System.Net;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Turns <see cref="ObservedTraffic"/> records into <see cref="TrafficEdge"/>s, the common input of
/// the connection reports. Egress entries become edges from the observed workload, ingress entries
/// edges to it. The two records of one connection (the client's egress, the server's ingress) are
/// merged: records on the same side add up (one record per node), and the larger side wins, so a
/// connection seen at both ends counts once.
/// </summary>
public static class TrafficEdges
{
    /// <summary>The edges of all records, sorted by source, destination, protocol and port.</summary>
    public static IReadOnlyList<TrafficEdge> From(IReadOnlyList<ObservedTraffic> traffic)
    {
        var merged = new Dictionary<(string Source, string Destination, string Protocol, int Port), Accumulator>();
        foreach (var record in traffic)
        {
            var spec = record.Spec;
            var self = Self(spec);
            var answers = AnswerNames(spec.DnsQueries);
            foreach (var entry in spec.Egress)
            {
                Add(merged, self, Peer(entry.Peer, spec.Cluster, answers), entry, egress: true, spec.Cluster);
            }

            foreach (var entry in spec.Ingress)
            {
                Add(merged, Peer(entry.Peer, spec.Cluster, answers), self, entry, egress: false, spec.Cluster);
            }
        }

        return [.. merged.Values
            .Select(a => a.ToEdge())
            .OrderBy(e => e.Source.ToString(), StringComparer.Ordinal)
            .ThenBy(e => e.Destination.ToString(), StringComparer.Ordinal)
            .ThenBy(e => e.Protocol, StringComparer.Ordinal)
            .ThenBy(e => e.Port)];
    }

    /// <summary>The observed workload as an endpoint.</summary>
    public static TrafficEndpoint Self(ObservedTrafficSpec spec) => new()
    {
        Kind = EndpointKind.Workload,
        Cluster = spec.Cluster,
        Namespace = spec.Workload.Namespace,
        Name = spec.Workload.Name,
        WorkloadKind = spec.Workload.Kind,
    };

    private static TrafficEndpoint Peer(TrafficPeer peer, string? cluster, IReadOnlyList<(IPAddress Address, string Name)> answers)
    {
        switch (peer.Type)
        {
            case PeerType.Workload when peer.Workload is { } w:
                return new TrafficEndpoint { Kind = EndpointKind.Workload, Cluster = w.Cluster ?? cluster, Namespace = w.Namespace, Name = w.Name, WorkloadKind = w.Kind };
            case PeerType.Service when peer.Service is { } s:
                var service = $"{s.Namespace}/{s.Name}";
                return s.Backend is { } b
                    ? new TrafficEndpoint { Kind = EndpointKind.Workload, Cluster = b.Cluster ?? cluster, Namespace = b.Namespace, Name = b.Name, WorkloadKind = b.Kind, Service = service }
                    : new TrafficEndpoint
                    {
                        Kind = EndpointKind.Service,
                        Cluster = cluster,
                        Namespace = s.Namespace,
                        Name = s.Name,
                        Service = service,
                        Addresses = [.. (s.EndpointAddresses ?? []).Order(StringComparer.Ordinal)],
                    };
            case PeerType.Node when peer.Node is { } n:
                return new TrafficEndpoint { Kind = EndpointKind.Node, Cluster = cluster, Name = n.Name, Addresses = [.. n.Addresses.Order(StringComparer.Ordinal)] };
            case PeerType.External when peer.External is { } e:
                // Names the workload resolved to addresses inside this CIDR also name the endpoint.
                var resolved = answers.Count > 0 && NetworkAddresses.TryParseNetwork(e.Cidr, out var network)
                    ? answers.Where(a => network.Value.Contains(a.Address)).Select(a => a.Name)
                    : [];
                var names = e.DnsNames.Select(DnsNames.Normalize)
                    .Concat(resolved)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal);
                return new TrafficEndpoint { Kind = EndpointKind.External, Addresses = [e.Cidr], DnsNames = [.. names] };
            default:
                throw new ArgumentException($"traffic peer of type {peer.Type} has no {peer.Type.ToString().ToLowerInvariant()} field set", nameof(peer));
        }
    }

    /// <summary>The addresses the workload's DNS answers carried, each with the name asked for (parsed once per record).</summary>
    private static List<(IPAddress Address, string Name)> AnswerNames(IReadOnlyList<DnsQueryRecord> queries)
    {
        var answers = new List<(IPAddress, string)>();
        foreach (var query in queries.Where(q => q.Answers.Count > 0))
        {
            var name = DnsNames.Normalize(query.Name);
            foreach (var answer in query.Answers)
            {
                if (NetworkAddresses.TryParseNetwork(answer, out var address) && address.Value.PrefixLength is 32 or 128)
                {
                    answers.Add((address.Value.BaseAddress, name));
                }
            }
        }

        return answers;
    }

    private static void Add(
        Dictionary<(string, string, string, int), Accumulator> merged,
        TrafficEndpoint source,
        TrafficEndpoint destination,
        TrafficEntry entry,
        bool egress,
        string? observedIn)
    {
        var key = (source.Key, destination.Key, entry.Protocol.ToUpperInvariant(), entry.Port);
        if (!merged.TryGetValue(key, out var accumulator))
        {
            merged[key] = accumulator = new Accumulator(source, destination, key.Item3, entry.Port, observedIn);
        }

        accumulator.Add(source, destination, entry, egress);
    }

    private sealed class Accumulator(TrafficEndpoint source, TrafficEndpoint destination, string protocol, int port, string? observedIn)
    {
        private readonly SortedSet<string> _processes = new(StringComparer.Ordinal);
        private TrafficEndpoint _source = source;
        private TrafficEndpoint _destination = destination;
        private long _egressConnections;
        private long _egressBytes;
        private long _ingressConnections;
        private long _ingressBytes;

        public void Add(TrafficEndpoint source, TrafficEndpoint destination, TrafficEntry entry, bool egress)
        {
            _source = Merge(_source, source);
            _destination = Merge(_destination, destination);
            if (egress)
            {
                _egressConnections += entry.Connections;
                _egressBytes += entry.BytesSent;
                _processes.UnionWith(entry.Processes.Select(p => p.Comm));
            }
            else
            {
                _ingressConnections += entry.Connections;
                _ingressBytes += entry.BytesReceived;
            }
        }

        public TrafficEdge ToEdge() => new()
        {
            Source = _source,
            Destination = _destination,
            Protocol = protocol,
            Port = port,
            Connections = Math.Max(_egressConnections, _ingressConnections),
            Bytes = Math.Max(_egressBytes, _ingressBytes),
            ObservedIn = observedIn,
            Processes = [.. _processes],
        };

        private static TrafficEndpoint Merge(TrafficEndpoint known, TrafficEndpoint seen) => known with
        {
            Service = known.Service ?? seen.Service,
            WorkloadKind = known.WorkloadKind ?? seen.WorkloadKind,
            DnsNames = known.DnsNames.Count == 0 ? seen.DnsNames : [.. known.DnsNames.Union(seen.DnsNames, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
    }
}
