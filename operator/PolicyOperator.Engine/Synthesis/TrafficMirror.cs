using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// A connection between two observed workloads needs both sides' policies to allow it, but is often seen
/// on one side only (the other node reports nothing, or samples differently). This gives each observed
/// workload the entries that its peers' observations imply: A's egress to B becomes B's ingress from A,
/// and B's ingress from A becomes A's egress to B. Peers are matched by workload, else by the same selector
/// in the same namespace; what a workload saw itself is not repeated. Implied entries for the same peer
/// and port are summed into one, so the result does not depend on input order.
/// </summary>
internal static class TrafficMirror
{
    public static Dictionary<WorkloadKey, List<(TrafficDirection Direction, TrafficEntry Entry, string Node)>> Mirror(
        IReadOnlyCollection<ObservedTraffic> traffic, Func<WorkloadReference, string?> selectorText)
    {
        var ids = new Dictionary<WorkloadKey, int>();
        var workloads = new List<(WorkloadKey Key, WorkloadReference Reference)>();
        foreach (var t in traffic)
        {
            var key = WorkloadKey.Of(t.Spec.Workload);
            if (ids.TryAdd(key, workloads.Count))
            {
                workloads.Add((key, t.Spec.Workload));
            }
        }

        // Same selector in the same namespace: the same pods, whatever name the source gave the workload.
        var bySelector = workloads
            .Select((w, id) => (w.Key.Namespace, Selector: selectorText(w.Reference), Id: id))
            .Where(w => w.Selector is not null)
            .GroupBy(w => (w.Namespace, w.Selector!))
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Id);
        var resolved = new Dictionary<WorkloadKey, int>();

        var seen = new HashSet<(int Self, TrafficDirection Direction, int Peer, string Protocol, int Port)>();
        foreach (var t in traffic)
        {
            var self = ids[WorkloadKey.Of(t.Spec.Workload)];
            Each(t, (entry, direction, peer) => seen.Add((self, direction, peer, Protocol(entry), entry.Port)));
        }

        var implied = new Dictionary<(int Target, TrafficDirection Direction, int Source, string Protocol, int Port), Implied>();
        foreach (var t in traffic)
        {
            var self = ids[WorkloadKey.Of(t.Spec.Workload)];
            Each(t, (entry, direction, target) =>
            {
                var mirrored = direction == TrafficDirection.Ingress ? TrafficDirection.Egress : TrafficDirection.Ingress;
                if (target == self || seen.Contains((target, mirrored, self, Protocol(entry), entry.Port)))
                {
                    return; // the target saw it itself
                }

                var key = (target, mirrored, self, Protocol(entry), entry.Port);
                if (!implied.TryGetValue(key, out var sum))
                {
                    implied[key] = sum = new Implied(t.Spec.Workload, entry);
                }

                sum.Add(entry, t.Spec.Node);
                return;
            });
        }

        var result = new Dictionary<WorkloadKey, List<(TrafficDirection, TrafficEntry, string)>>();
        foreach (var ((target, direction, _, _, _), sum) in implied)
        {
            var key = workloads[target].Key;
            if (!result.TryGetValue(key, out var list))
            {
                result[key] = list = [];
            }

            list.Add((direction, sum.ToEntry(), sum.Node));
        }

        return result;

        void Each(ObservedTraffic t, Action<TrafficEntry, TrafficDirection, int> action)
        {
            foreach (var entry in t.Spec.Ingress)
            {
                if (entry.Peer.Workload is { } peer && Resolve(peer) is { } id)
                {
                    action(entry, TrafficDirection.Ingress, id);
                }
            }

            foreach (var entry in t.Spec.Egress)
            {
                if (entry.Peer.Workload is { } peer && Resolve(peer) is { } id)
                {
                    action(entry, TrafficDirection.Egress, id);
                }
            }
        }

        int? Resolve(WorkloadReference peer)
        {
            var key = WorkloadKey.Of(peer);
            if (ids.TryGetValue(key, out var id) || resolved.TryGetValue(key, out id))
            {
                return id >= 0 ? id : null;
            }

            id = selectorText(peer) is { } text && bySelector.TryGetValue((peer.Namespace, text), out var bySel) ? bySel : -1;
            resolved[key] = id;
            return id >= 0 ? id : null;
        }
    }

    private static string Protocol(TrafficEntry entry) => entry.Protocol is "TCP" or "UDP" or "SCTP" ? entry.Protocol : entry.Protocol.ToUpperInvariant();

    /// <summary>The sum of the entries that imply one entry of the target.</summary>
    private sealed class Implied(WorkloadReference source, TrafficEntry first)
    {
        private long _connections;
        private long _sent;
        private long _received;
        private DateTimeOffset _first = first.FirstSeen;
        private DateTimeOffset _last = first.LastSeen;

        /// <summary>The ordinal-first node that saw it, so that the choice does not depend on order.</summary>
        public string Node { get; private set; } = string.Empty;

        public void Add(TrafficEntry entry, string node)
        {
            _connections += entry.Connections;
            _sent += entry.BytesReceived;
            _received += entry.BytesSent;
            _first = entry.FirstSeen < _first ? entry.FirstSeen : _first;
            _last = entry.LastSeen > _last ? entry.LastSeen : _last;
            Node = Node.Length == 0 || string.CompareOrdinal(node, Node) < 0 ? node : Node;
        }

        public TrafficEntry ToEntry() => new()
        {
            Peer = new TrafficPeer { Type = PeerType.Workload, Workload = source },
            Protocol = Protocol(first),
            Port = first.Port,
            ServicePort = first.ServicePort,
            Connections = _connections,
            BytesSent = _sent,
            BytesReceived = _received,
            FirstSeen = _first,
            LastSeen = _last,
        };
    }
}

/// <summary>A workload's identity: namespace, kind, name.</summary>
internal readonly record struct WorkloadKey(string Namespace, string Kind, string Name)
{
    public static WorkloadKey Of(WorkloadReference workload) => new(workload.Namespace, workload.Kind, workload.Name);
}
