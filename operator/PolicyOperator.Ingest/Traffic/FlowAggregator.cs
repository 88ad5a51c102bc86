using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Merges attributed flows into <see cref="ObservedTraffic"/> objects, one per workload and node:
/// flows with the same peer, protocol and port become one entry with counts and first/last seen.
/// </summary>
internal sealed class FlowAggregator
{
    /// <summary>The time recorded for sources without timestamps (Inspektor Gadget events): unknown.</summary>
    public static readonly DateTimeOffset UnknownTime = DateTimeOffset.UnixEpoch;

    private readonly Dictionary<(string Node, string Namespace, string Kind, string Name), WorkloadFlows> _workloads = [];

    public void Add(ObservedFlow flow)
    {
        var key = (flow.Node, flow.Workload.Namespace, flow.Workload.Kind, flow.Workload.Name);
        if (!_workloads.TryGetValue(key, out var workload))
        {
            _workloads[key] = workload = new WorkloadFlows(flow.Node, flow.Workload);
        }

        workload.Add(flow);
    }

    /// <summary>The traffic, sorted by namespace, workload and node.</summary>
    public IReadOnlyList<ObservedTraffic> Build() =>
        _workloads
            .OrderBy(w => w.Key.Namespace, StringComparer.Ordinal).ThenBy(w => w.Key.Name, StringComparer.Ordinal)
            .ThenBy(w => w.Key.Kind, StringComparer.Ordinal).ThenBy(w => w.Key.Node, StringComparer.Ordinal)
            .Select(w => w.Value.Build())
            .ToList();

    /// <summary>A key that is equal for equal peers (external DNS names aside: those are merged).</summary>
    public static string PeerKey(TrafficPeer peer) => peer.Type switch
    {
        PeerType.Workload => $"w|{peer.Workload!.Namespace}|{peer.Workload.Kind}|{peer.Workload.Name}",
        PeerType.Service => $"s|{peer.Service!.Namespace}|{peer.Service.Name}",
        PeerType.Node => $"n|{peer.Node!.Name}|{peer.Node.IsLocal}|{string.Join(',', peer.Node.Addresses)}",
        _ => $"e|{peer.External?.Cidr}",
    };

    private sealed class WorkloadFlows(string node, WorkloadReference workload)
    {
        private readonly Dictionary<string, EntryAccumulator> _ingress = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EntryAccumulator> _egress = new(StringComparer.Ordinal);
        private WorkloadReference _workload = workload;
        private DateTimeOffset? _start;
        private DateTimeOffset? _end;

        public void Add(ObservedFlow flow)
        {
            if (_workload.Selector is null && flow.Workload.Selector is not null)
            {
                _workload = flow.Workload;
            }

            var entries = flow.Direction == TrafficDirection.Ingress ? _ingress : _egress;
            var key = $"{PeerKey(flow.Peer)}|{flow.Protocol}|{flow.Port}|{flow.ServicePort}";
            if (!entries.TryGetValue(key, out var entry))
            {
                entries[key] = entry = new EntryAccumulator(flow);
            }

            entry.Add(flow);
            if (flow.Time is { } time)
            {
                _start = _start is null || time < _start ? time : _start;
                _end = _end is null || time > _end ? time : _end;
            }
        }

        public ObservedTraffic Build() => new()
        {
            Metadata = new ObjectMeta { Name = ObjectName(), Namespace = _workload.Namespace },
            Spec = new ObservedTrafficSpec
            {
                Node = node,
                Workload = _workload,
                Window = new ObservationWindow { Start = _start ?? UnknownTime, End = _end ?? UnknownTime },
                Ingress = Entries(_ingress),
                Egress = Entries(_egress),
            },
        };

        private static List<TrafficEntry> Entries(Dictionary<string, EntryAccumulator> entries) =>
            entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value.Build()).ToList();

        private string ObjectName()
        {
            var raw = $"{_workload.Name}-{_workload.Kind}-{node}".ToLowerInvariant();
            return new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()).Trim('-', '.');
        }
    }

    private sealed class EntryAccumulator(ObservedFlow first)
    {
        private readonly SortedSet<string> _dnsNames = new(StringComparer.Ordinal);
        private long _connections;
        private DateTimeOffset? _first;
        private DateTimeOffset? _last;

        public void Add(ObservedFlow flow)
        {
            _connections++;
            _dnsNames.UnionWith(flow.Peer.External?.DnsNames ?? []);
            if (flow.Time is { } time)
            {
                _first = _first is null || time < _first ? time : _first;
                _last = _last is null || time > _last ? time : _last;
            }
        }

        public TrafficEntry Build() => new()
        {
            Peer = first.Peer.External is { } external ? first.Peer with { External = external with { DnsNames = [.. _dnsNames] } } : first.Peer,
            Protocol = first.Protocol,
            Port = first.Port,
            ServicePort = first.ServicePort,
            Connections = _connections,
            FirstSeen = _first ?? UnknownTime,
            LastSeen = _last ?? UnknownTime,
        };
    }
}
