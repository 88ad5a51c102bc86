using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Addressing;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// Collects what one workload did in one direction and builds its rules: external addresses grouped
/// when many (rule 7), ports merged per peer, peers with the same ports in one rule, everything in
/// canonical order (rule 8), with the evidence for each peer and port kept beside.
/// </summary>
internal sealed class DirectionRules(TrafficDirection direction, SynthesisOptions options)
{
    private readonly List<Observation> _observations = [];

    public TrafficDirection Direction => direction;

    /// <summary>True when any traffic was seen in this direction (also traffic that is always allowed).</summary>
    public bool HasEvidence => _observations.Any(o => o.Entry is not null);

    /// <summary>True when some traffic in this direction could not be turned into a rule.</summary>
    public bool HasUnresolved { get; private set; }

    /// <summary>Records that an entry could not be resolved: isolating this direction would deny it.</summary>
    public void AddUnresolved() => HasUnresolved = true;

    public void Add(TranslatedPeer peer, IReadOnlyList<PortKey> ports, TrafficEntry? entry, string? node, string observed, string? reason = null) =>
        _observations.Add(new Observation(peer, ports, entry, node, observed, reason));

    /// <summary>Records traffic that needs no rule (for example from the pod's own node).</summary>
    public void AddImplicit(TrafficEntry entry, string? node, string observed, string reason) =>
        _observations.Add(new Observation(null, [new PortKey(entry.Protocol, entry.Port)], entry, node, observed, reason));

    public BuiltRules Build()
    {
        var grouped = GroupExternals();
        var peers = new SortedDictionary<string, PeerAccumulator>(StringComparer.Ordinal);
        var implicitEvidence = new SortedDictionary<(string, PortKey), EvidenceAccumulator>();
        foreach (var observation in _observations)
        {
            if (observation.Peer is null)
            {
                foreach (var port in observation.Ports)
                {
                    var key = (observation.Observed, port);
                    if (!implicitEvidence.TryGetValue(key, out var accumulator))
                    {
                        implicitEvidence[key] = accumulator = new EvidenceAccumulator();
                    }

                    accumulator.Add(observation);
                }

                continue;
            }

            var peer = grouped.GetValueOrDefault(observation.Peer.Key, observation.Peer);
            if (!peers.TryGetValue(peer.Key, out var peerAccumulator))
            {
                peers[peer.Key] = peerAccumulator = new PeerAccumulator(peer);
            }

            peerAccumulator.Add(observation);
        }

        var rules = peers.Values
            .GroupBy(p => string.Join(',', p.Ports.Keys), StringComparer.Ordinal)
            .Select(g => g.ToList())
            .OrderBy(g => g[0].Peer.Key, StringComparer.Ordinal)
            .ToList();

        var evidence = new List<RuleEvidence>();
        var built = new List<(IReadOnlyList<NetworkPolicyPeer> Peers, IReadOnlyList<NetworkPolicyPort> Ports)>();
        foreach (var rule in rules)
        {
            built.Add((
                rule.Select(p => p.Peer.Peer).ToList(),
                rule[0].Ports.Keys.Select(p => new NetworkPolicyPort { Protocol = p.Protocol, Port = IntOrString.FromNumber(p.Port) }).ToList()));
            evidence.AddRange(rule.SelectMany(p => p.Ports.Select(port => port.Value.ToEvidence(direction, p.Peer.Description, port.Key, p.Peer.DnsNames))));
        }

        evidence.AddRange(implicitEvidence.Select(kv => kv.Value.ToEvidence(direction, kv.Key.Item1, kv.Key.Item2, [])));
        var names = peers.Values
            .Where(p => p.Peer.External is not null && p.Peer.DnsNames.Count > 0)
            .ToDictionary(p => p.Peer.External!.Value.ToString(), p => p.Peer.DnsNames, StringComparer.Ordinal);
        return new BuiltRules(built, evidence, names);
    }

    /// <summary>Maps each external peer key to its group's peer when there are more addresses than the threshold.</summary>
    private Dictionary<string, TranslatedPeer> GroupExternals()
    {
        var externals = new Dictionary<string, (CanonicalCidr Cidr, HashSet<string> Names)>(StringComparer.Ordinal);
        foreach (var peer in _observations.Select(o => o.Peer))
        {
            if (peer?.External is { IsSingleAddress: true } cidr)
            {
                if (!externals.TryGetValue(peer.Key, out var known))
                {
                    externals[peer.Key] = known = (cidr, new HashSet<string>(StringComparer.Ordinal));
                }

                known.Names.UnionWith(peer.DnsNames);
            }
        }

        if (externals.Count <= options.ExternalGroupingThreshold)
        {
            return [];
        }

        var groups = externals.GroupBy(e => e.Value.Cidr.Widen(e.Value.Cidr.IsIPv6 ? options.ExternalIpv6GroupPrefix : options.ExternalIpv4GroupPrefix));
        var mapping = new Dictionary<string, TranslatedPeer>(StringComparer.Ordinal);
        foreach (var group in groups.Where(g => g.Count() > 1))
        {
            var groupPeer = PolicyPeers.Block(group.Key, group.SelectMany(e => e.Value.Names));
            foreach (var member in group)
            {
                mapping[member.Key] = groupPeer;
            }
        }

        return mapping;
    }

    private sealed record Observation(TranslatedPeer? Peer, IReadOnlyList<PortKey> Ports, TrafficEntry? Entry, string? Node, string Observed, string? Reason);

    private sealed class PeerAccumulator(TranslatedPeer peer)
    {
        public TranslatedPeer Peer { get; private set; } = peer;

        public SortedDictionary<PortKey, EvidenceAccumulator> Ports { get; } = [];

        public void Add(Observation observation)
        {
            foreach (var port in observation.Ports)
            {
                if (!Ports.TryGetValue(port, out var accumulator))
                {
                    Ports[port] = accumulator = new EvidenceAccumulator();
                }

                accumulator.Add(observation);
            }

            if (observation.Peer!.DnsNames.Except(Peer.DnsNames).Any())
            {
                Peer = Peer with { DnsNames = Peer.DnsNames.Union(observation.Peer.DnsNames).Order(StringComparer.Ordinal).ToList() };
            }
        }
    }

    private sealed class EvidenceAccumulator
    {
        private readonly SortedSet<string> _processes = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _nodes = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _observed = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _reasons = new(StringComparer.Ordinal);
        private long _connections;
        private long _sent;
        private long _received;
        private DateTimeOffset? _first;
        private DateTimeOffset? _last;

        public void Add(Observation observation)
        {
            if (observation.Reason is { } reason)
            {
                _reasons.Add(reason);
            }

            if (observation.Entry is not { } entry)
            {
                return;
            }

            _observed.Add(observation.Observed);
            if (observation.Node is { } node)
            {
                _nodes.Add(node);
            }

            _connections += entry.Connections;
            _sent += entry.BytesSent;
            _received += entry.BytesReceived;
            _first = _first is null || entry.FirstSeen < _first ? entry.FirstSeen : _first;
            _last = _last is null || entry.LastSeen > _last ? entry.LastSeen : _last;
            foreach (var process in entry.Processes)
            {
                _processes.Add(process.Comm);
            }
        }

        public RuleEvidence ToEvidence(TrafficDirection direction, string peer, PortKey port, IReadOnlyList<string> dnsNames) => new()
        {
            Direction = direction,
            Peer = peer,
            Protocol = port.Protocol,
            Port = port.Port,
            Reason = _reasons.Count > 0 ? string.Join("; ", _reasons) : null,
            Connections = _connections,
            BytesSent = _sent,
            BytesReceived = _received,
            FirstSeen = _first,
            LastSeen = _last,
            Processes = [.. _processes],
            DnsNames = dnsNames,
            Nodes = [.. _nodes],
            ObservedPeers = [.. _observed],
        };
    }
}
