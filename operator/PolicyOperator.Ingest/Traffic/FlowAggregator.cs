using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Merges attributed flows into <see cref="ObservedTraffic"/> objects, one per workload and node:
/// flows with the same peer, protocol and port become one entry with counts and first/last seen, the
/// processes involved and a few connection samples.
/// </summary>
public sealed class FlowAggregator
{
    /// <summary>Connection samples kept per entry: enough to join the two ends of a connection, not a log.</summary>
    public const int MaxSamplesPerEntry = 4;

    /// <summary>The time recorded for sources without timestamps (Inspektor Gadget events): unknown.</summary>
    public static readonly DateTimeOffset UnknownTime = DateTimeOffset.UnixEpoch;

    private readonly Dictionary<(string Node, string Namespace, string Kind, string Name), WorkloadFlows> _workloads = [];

    /// <summary>Adds one attributed flow to its workload's record on its node.</summary>
    public void Add(AttributedFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var key = (flow.Node, flow.Workload.Namespace, flow.Workload.Kind, flow.Workload.Name);
        if (!_workloads.TryGetValue(key, out var workload))
        {
            _workloads[key] = workload = new WorkloadFlows(flow.Node, flow.Workload);
        }

        workload.Add(flow);
    }

    /// <summary>Adds a DNS question or answer to its workload's record on its node.</summary>
    internal void AddDns(DnsObservation dns)
    {
        var key = (dns.Node, dns.Workload.Namespace, dns.Workload.Kind, dns.Workload.Name);
        if (!_workloads.TryGetValue(key, out var workload))
        {
            _workloads[key] = workload = new WorkloadFlows(dns.Node, dns.Workload);
        }

        workload.AddDns(dns);
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
        private readonly SortedDictionary<(string Name, string Type), DnsAccumulator> _dns = [];
        private WorkloadReference _workload = workload;
        private string? _cluster;
        private DateTimeOffset? _start;
        private DateTimeOffset? _end;

        public void Add(AttributedFlow flow)
        {
            if (_workload.Selector is null && flow.Workload.Selector is not null)
            {
                _workload = flow.Workload;
            }

            _cluster ??= flow.Cluster;
            var entries = flow.Direction == TrafficDirection.Ingress ? _ingress : _egress;
            var key = $"{PeerKey(flow.Peer)}|{flow.Protocol}|{flow.Port}|{flow.ServicePort}";
            if (!entries.TryGetValue(key, out var entry))
            {
                entries[key] = entry = new EntryAccumulator(flow);
            }

            entry.Add(flow);
            if ((flow.Counts?.FirstSeen ?? flow.Time) is { } first)
            {
                _start = _start is null || first < _start ? first : _start;
            }

            if ((flow.Counts?.LastSeen ?? flow.Time) is { } last)
            {
                _end = _end is null || last > _end ? last : _end;
            }
        }

        internal void AddDns(DnsObservation dns)
        {
            _cluster ??= dns.Cluster;
            if (!_dns.TryGetValue((dns.Name, dns.QueryType), out var accumulator))
            {
                _dns[(dns.Name, dns.QueryType)] = accumulator = new DnsAccumulator(dns.Name, dns.QueryType);
            }

            accumulator.Add(dns);
        }

        public ObservedTraffic Build() => new()
        {
            Metadata = new ObjectMeta { Name = ObjectName(), Namespace = _workload.Namespace },
            Spec = new ObservedTrafficSpec
            {
                Cluster = _cluster,
                Node = node,
                Workload = _workload,
                Window = new ObservationWindow { Start = _start ?? UnknownTime, End = _end ?? UnknownTime },
                Ingress = Entries(_ingress),
                Egress = Entries(_egress),
                DnsQueries = [.. _dns.Values.Select(d => d.Build())],
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

    private sealed class EntryAccumulator(AttributedFlow first)
    {
        private readonly SortedSet<string> _dnsNames = new(StringComparer.Ordinal);
        private readonly SortedDictionary<(string Comm, string Container, string Pod), ProcessReference> _processes = [];
        private readonly List<ConnectionSample> _samples = [];
        private long _connections;
        private long _bytesSent;
        private long _bytesReceived;
        private DateTimeOffset? _first;
        private DateTimeOffset? _last;

        public void Add(AttributedFlow flow)
        {
            var connections = flow.Counts?.Connections ?? 1;
            _connections += connections;
            _bytesSent += flow.Counts?.BytesSent ?? 0;
            _bytesReceived += flow.Counts?.BytesReceived ?? 0;
            _dnsNames.UnionWith(flow.Peer.External?.DnsNames ?? []);
            if ((flow.Counts?.FirstSeen ?? flow.Time) is { } firstSeen)
            {
                _first = _first is null || firstSeen < _first ? firstSeen : _first;
            }

            if ((flow.Counts?.LastSeen ?? flow.Time) is { } lastSeen)
            {
                _last = _last is null || lastSeen > _last ? lastSeen : _last;
            }

            if (flow.Process is { } process)
            {
                var key = (process.Comm, process.Container ?? string.Empty, process.Pod ?? string.Empty);
                _processes[key] = _processes.TryGetValue(key, out var known)
                    ? known with { Count = (known.Count ?? 0) + (process.Count ?? connections) }
                    : process with { Count = process.Count ?? connections };
            }

            if (flow.Sample is { } sample && _samples.Count < MaxSamplesPerEntry && !_samples.Contains(sample))
            {
                _samples.Add(sample);
            }
        }

        public TrafficEntry Build() => new()
        {
            Peer = first.Peer.External is { } external ? first.Peer with { External = external with { DnsNames = [.. _dnsNames] } } : first.Peer,
            Protocol = first.Protocol,
            Port = first.Port,
            ServicePort = first.ServicePort,
            Connections = _connections,
            BytesSent = _bytesSent,
            BytesReceived = _bytesReceived,
            FirstSeen = _first ?? UnknownTime,
            LastSeen = _last ?? UnknownTime,
            Processes = [.. _processes.Values],
            Samples = [.. _samples.OrderBy(s => s.Time)],
        };
    }

    /// <summary>Questions and answers for one name and type: questions counted per pod, answers per rcode.</summary>
    private sealed class DnsAccumulator(string name, string queryType)
    {
        private readonly SortedDictionary<string, long> _questionsByPod = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, long> _responses = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _answers = new(StringComparer.Ordinal);
        private long _queries;

        public void Add(DnsObservation dns)
        {
            if (dns.Rcode is { } rcode)
            {
                _responses[rcode] = _responses.GetValueOrDefault(rcode) + 1;
                _answers.UnionWith(dns.Answers);
                return;
            }

            _queries++;
            var pod = dns.Pod ?? string.Empty;
            _questionsByPod[pod] = _questionsByPod.GetValueOrDefault(pod) + 1;
        }

        public DnsQueryRecord Build() => new()
        {
            Name = name,
            QueryType = queryType,
            Queries = _queries,
            Responses = new Dictionary<string, long>(_responses, StringComparer.Ordinal),
            Answers = [.. _answers],
            Processes = [.. _questionsByPod.Select(p => new ProcessReference { Comm = HubbleDns.UnknownProcess, Pod = p.Key.Length > 0 ? p.Key : null, Count = p.Value })],
        };
    }
}
