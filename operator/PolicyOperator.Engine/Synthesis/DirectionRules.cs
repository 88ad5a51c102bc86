using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Addressing;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// Collects what one workload did in one direction and builds its rules: external addresses grouped
/// when many (rule 7), ports merged per peer, peers with the same ports in one rule, everything in
/// canonical order (rule 8), with the evidence for each peer and port kept beside. Observations are
/// folded into per-peer accumulators as they come, so memory grows with distinct peers, not with traffic.
/// </summary>
internal sealed class DirectionRules(TrafficDirection direction, SynthesisOptions options)
{
    private readonly Dictionary<string, PeerAccumulator> _peers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Observed, PortKey Port), EvidenceAccumulator> _implicit = [];

    public TrafficDirection Direction => direction;

    /// <summary>True when any traffic was seen in this direction (also traffic that is always allowed).</summary>
    public bool HasEvidence { get; private set; }

    /// <summary>True when some traffic in this direction could not be turned into a rule.</summary>
    public bool HasUnresolved { get; private set; }

    /// <summary>Records that an entry could not be resolved: isolating this direction would deny it.</summary>
    public void AddUnresolved() => HasUnresolved = true;

    public void Add(TranslatedPeer peer, IReadOnlyList<PortKey> ports, TrafficEntry? entry, string? node, string observed, string? reason = null)
    {
        HasEvidence |= entry is not null;
        if (!_peers.TryGetValue(peer.Key, out var accumulator))
        {
            _peers[peer.Key] = accumulator = new PeerAccumulator(peer);
        }

        accumulator.Add(peer, ports, entry, node, observed, reason);
    }

    /// <summary>Records traffic that needs no rule (for example from the pod's own node).</summary>
    public void AddImplicit(TrafficEntry entry, string? node, string observed, string reason)
    {
        HasEvidence = true;
        var key = (observed, new PortKey(entry.Protocol, entry.Port));
        if (!_implicit.TryGetValue(key, out var accumulator))
        {
            _implicit[key] = accumulator = new EvidenceAccumulator();
        }

        accumulator.Add(entry, node, observed, reason);
    }

    public BuiltRules Build()
    {
        var peers = GroupExternals().ToList();
        peers.Sort((a, b) => string.CompareOrdinal(a.Peer.Key, b.Peer.Key));

        // Peers with the same ports share a rule; rules are ordered by their first peer (peers are sorted).
        var rules = new List<List<PeerAccumulator>>();
        var ruleByPorts = new Dictionary<PortSet, List<PeerAccumulator>>();
        foreach (var peer in peers)
        {
            var ports = new PortSet(peer.SortedPorts());
            if (!ruleByPorts.TryGetValue(ports, out var rule))
            {
                ruleByPorts[ports] = rule = [];
                rules.Add(rule);
            }

            rule.Add(peer);
        }

        var evidence = new List<RuleEvidence>();
        var built = new List<(IReadOnlyList<NetworkPolicyPeer> Peers, IReadOnlyList<NetworkPolicyPort> Ports)>(rules.Count);
        foreach (var rule in rules)
        {
            var ruleIndex = built.Count;
            var ports = rule[0].SortedPorts();
            var policyPorts = new NetworkPolicyPort[ports.Length];
            for (var i = 0; i < ports.Length; i++)
            {
                policyPorts[i] = new NetworkPolicyPort { Protocol = ports[i].Protocol, Port = IntOrString.FromNumber(ports[i].Port) };
            }

            var policyPeers = new NetworkPolicyPeer[rule.Count];
            for (var i = 0; i < rule.Count; i++)
            {
                var peer = rule[i];
                policyPeers[i] = peer.Peer.Peer;
                foreach (var port in ports)
                {
                    evidence.Add(peer.Ports[port].ToEvidence(direction, peer.Peer.Description, port, peer.Peer.DnsNames, ruleIndex));
                }
            }

            built.Add((policyPeers, policyPorts));
        }

        evidence.AddRange(_implicit
            .OrderBy(kv => kv.Key.Observed, StringComparer.Ordinal).ThenBy(kv => kv.Key.Port)
            .Select(kv => kv.Value.ToEvidence(direction, kv.Key.Observed, kv.Key.Port, [])));
        var names = peers
            .Where(p => p.Peer.External is not null && p.Peer.DnsNames.Count > 0)
            .ToDictionary(p => p.Peer.External!.Value.ToString(), p => p.Peer.DnsNames, StringComparer.Ordinal);
        return new BuiltRules(built, evidence, names);
    }

    /// <summary>The peers, with single external addresses merged into their prefix when there are more than the threshold.</summary>
    private IEnumerable<PeerAccumulator> GroupExternals()
    {
        var singles = _peers.Values.Where(p => p.Peer.External is { IsSingleAddress: true }).ToList();
        if (singles.Count <= options.ExternalGroupingThreshold)
        {
            return _peers.Values;
        }

        var result = _peers.Values.Where(p => p.Peer.External is not { IsSingleAddress: true }).ToList();
        var groups = singles.GroupBy(p =>
        {
            var cidr = p.Peer.External!.Value;
            return cidr.Widen(cidr.IsIPv6 ? options.ExternalIpv6GroupPrefix : options.ExternalIpv4GroupPrefix);
        });
        foreach (var group in groups)
        {
            var members = group.ToList();
            if (members.Count == 1)
            {
                result.Add(members[0]);
                continue;
            }

            var merged = new PeerAccumulator(PolicyPeers.Block(group.Key, members.SelectMany(m => m.Peer.DnsNames)));
            members.ForEach(merged.Merge);
            result.Add(merged);
        }

        return result;
    }

    private sealed class PeerAccumulator(TranslatedPeer peer)
    {
        public TranslatedPeer Peer { get; private set; } = peer;

        private PortKey[]? _sortedPorts;

        public Dictionary<PortKey, EvidenceAccumulator> Ports { get; } = [];

        /// <summary>The ports in order; computed once, when rules are built (no ports are added after).</summary>
        public PortKey[] SortedPorts()
        {
            if (_sortedPorts is null || _sortedPorts.Length != Ports.Count)
            {
                _sortedPorts = [.. Ports.Keys];
                Array.Sort(_sortedPorts);
            }

            return _sortedPorts;
        }

        public void Add(TranslatedPeer observedPeer, IReadOnlyList<PortKey> ports, TrafficEntry? entry, string? node, string observed, string? reason)
        {
            for (var i = 0; i < ports.Count; i++)
            {
                Evidence(ports[i]).Add(entry, node, observed, reason);
            }

            var names = observedPeer.DnsNames;
            if (names.Count > 0 && !ReferenceEquals(names, Peer.DnsNames) && !ContainsAll(Peer.DnsNames, names))
            {
                Peer = Peer with { DnsNames = Peer.DnsNames.Union(names).Order(StringComparer.Ordinal).ToList() };
            }
        }

        // Names repeat on every entry of a peer (a list each): a plain scan, not a set, for the usual one or two.
        private static bool ContainsAll(IReadOnlyList<string> known, IReadOnlyList<string> names)
        {
            for (var i = 0; i < names.Count; i++)
            {
                var found = false;
                for (var j = 0; j < known.Count && !found; j++)
                {
                    found = string.Equals(known[j], names[i], StringComparison.Ordinal);
                }

                if (!found)
                {
                    return false;
                }
            }

            return true;
        }

        public void Merge(PeerAccumulator other)
        {
            foreach (var (port, evidence) in other.Ports)
            {
                Evidence(port).Merge(evidence);
            }
        }

        private EvidenceAccumulator Evidence(PortKey port)
        {
            if (!Ports.TryGetValue(port, out var accumulator))
            {
                Ports[port] = accumulator = new EvidenceAccumulator();
            }

            return accumulator;
        }
    }

    /// <summary>Sums and unions of the observations behind one peer and port; sets are made only when needed.</summary>
    private sealed class EvidenceAccumulator
    {
        private readonly SmallSet _processes = new();
        private readonly SmallSet _nodes = new();
        private readonly SmallSet _observed = new();
        private readonly SmallSet _reasons = new();
        private long _connections;
        private long _sent;
        private long _received;
        private DateTimeOffset? _first;
        private DateTimeOffset? _last;

        public void Add(TrafficEntry? entry, string? node, string observed, string? reason)
        {
            _reasons.Add(reason);
            if (entry is null)
            {
                return;
            }

            _observed.Add(observed);
            _nodes.Add(node);
            _connections += entry.Connections;
            _sent += entry.BytesSent;
            _received += entry.BytesReceived;
            _first = _first is null || entry.FirstSeen < _first ? entry.FirstSeen : _first;
            _last = _last is null || entry.LastSeen > _last ? entry.LastSeen : _last;
            for (var i = 0; i < entry.Processes.Count; i++)
            {
                _processes.Add(entry.Processes[i].Comm);
            }
        }

        public void Merge(EvidenceAccumulator other)
        {
            _processes.UnionWith(other._processes);
            _nodes.UnionWith(other._nodes);
            _observed.UnionWith(other._observed);
            _reasons.UnionWith(other._reasons);
            _connections += other._connections;
            _sent += other._sent;
            _received += other._received;
            _first = other._first is { } f && (_first is null || f < _first) ? f : _first;
            _last = other._last is { } l && (_last is null || l > _last) ? l : _last;
        }

        public RuleEvidence ToEvidence(TrafficDirection direction, string peer, PortKey port, IReadOnlyList<string> dnsNames, int? ruleIndex = null) => new()
        {
            Direction = direction,
            RuleIndex = ruleIndex,
            Peer = peer,
            Protocol = port.Protocol,
            Port = port.Port,
            Reason = _reasons.Count > 0 ? string.Join("; ", _reasons.Sorted()) : null,
            Connections = _connections,
            BytesSent = _sent,
            BytesReceived = _received,
            FirstSeen = _first,
            LastSeen = _last,
            Processes = _processes.Sorted(),
            DnsNames = dnsNames,
            Nodes = _nodes.Sorted(),
            ObservedPeers = _observed.Sorted(),
        };
    }

    /// <summary>A set of strings that holds one value without allocating (most evidence has one node, one peer).</summary>
    private sealed class SmallSet
    {
        private string? _single;
        private HashSet<string>? _many;

        public int Count => _many?.Count ?? (_single is null ? 0 : 1);

        public void Add(string? value)
        {
            if (value is null || value == _single)
            {
                return;
            }

            if (_single is null && _many is null)
            {
                _single = value;
                return;
            }

            _many ??= new HashSet<string>(StringComparer.Ordinal) { _single! };
            _many.Add(value);
        }

        public void UnionWith(SmallSet other)
        {
            foreach (var value in other.Values())
            {
                Add(value);
            }
        }

        public IReadOnlyList<string> Sorted() => _many is not null ? [.. _many.Order(StringComparer.Ordinal)] : _single is null ? [] : [_single];

        private IEnumerable<string> Values() => _many ?? (_single is null ? [] : [_single]);
    }

    /// <summary>A sorted set of ports as a dictionary key: rules group the peers that have equal sets.</summary>
    private readonly struct PortSet(PortKey[] ports) : IEquatable<PortSet>
    {
        private readonly PortKey[] _ports = ports;

        public bool Equals(PortSet other) => _ports.AsSpan().SequenceEqual(other._ports);

        public override bool Equals(object? obj) => obj is PortSet other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var port in _ports)
            {
                hash.Add(port);
            }

            return hash.ToHashCode();
        }
    }
}
