using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// A connection between two observed workloads needs both sides' policies to allow it, but is often seen
/// on one side only (the other node reports nothing, or samples differently). This gives each observed
/// workload the entries that its peers' observations imply: A's egress to B becomes B's ingress from A,
/// and B's ingress from A becomes A's egress to B. Peers are matched by workload, else by the same selector
/// in the same namespace; what a workload saw itself is not repeated. Order-independent: implied entries
/// for the same peer and port simply add up.
/// </summary>
internal static class TrafficMirror
{
    public static Dictionary<WorkloadKey, List<(TrafficDirection Direction, TrafficEntry Entry, string Node)>> Mirror(
        IReadOnlyCollection<ObservedTraffic> traffic, Func<WorkloadReference, string?> selectorText)
    {
        var observed = new Dictionary<WorkloadKey, WorkloadReference>();
        foreach (var t in traffic)
        {
            observed.TryAdd(WorkloadKey.Of(t.Spec.Workload), t.Spec.Workload);
        }

        // Same selector in the same namespace: the same pods, whatever name the source gave the workload.
        var bySelector = observed
            .Select(o => (o.Key, Selector: selectorText(o.Value)))
            .Where(o => o.Selector is not null)
            .GroupBy(o => (o.Key.Namespace, o.Selector!))
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Key);

        var existing = new HashSet<(WorkloadKey, TrafficDirection, WorkloadKey, string, int)>();
        foreach (var t in traffic)
        {
            var self = WorkloadKey.Of(t.Spec.Workload);
            foreach (var (entries, direction) in new[] { (t.Spec.Ingress, TrafficDirection.Ingress), (t.Spec.Egress, TrafficDirection.Egress) })
            {
                foreach (var entry in entries)
                {
                    if (entry.Peer.Workload is { } peer)
                    {
                        existing.Add((self, direction, Resolve(peer) ?? WorkloadKey.Of(peer), entry.Protocol.ToUpperInvariant(), entry.Port));
                    }
                }
            }
        }

        var mirrored = new Dictionary<WorkloadKey, List<(TrafficDirection, TrafficEntry, string)>>();
        foreach (var t in traffic)
        {
            var self = WorkloadKey.Of(t.Spec.Workload);
            foreach (var (entries, direction) in new[] { (t.Spec.Ingress, TrafficDirection.Egress), (t.Spec.Egress, TrafficDirection.Ingress) })
            {
                foreach (var entry in entries)
                {
                    if (entry.Peer.Workload is not { } peer || Resolve(peer) is not { } target || target == self)
                    {
                        continue;
                    }

                    if (existing.Contains((target, direction, self, entry.Protocol.ToUpperInvariant(), entry.Port)))
                    {
                        continue; // the target saw it itself
                    }

                    if (!mirrored.TryGetValue(target, out var list))
                    {
                        mirrored[target] = list = [];
                    }

                    list.Add((direction, entry with
                    {
                        Peer = new TrafficPeer { Type = PeerType.Workload, Workload = t.Spec.Workload },
                        BytesSent = entry.BytesReceived,
                        BytesReceived = entry.BytesSent,
                        Processes = [],
                        Samples = [],
                    }, t.Spec.Node));
                }
            }
        }

        return mirrored;

        WorkloadKey? Resolve(WorkloadReference peer)
        {
            var key = WorkloadKey.Of(peer);
            if (observed.ContainsKey(key))
            {
                return key;
            }

            return selectorText(peer) is { } text && bySelector.TryGetValue((peer.Namespace, text), out var bySel) ? bySel : null;
        }
    }
}

/// <summary>A workload's identity: namespace, kind, name.</summary>
internal readonly record struct WorkloadKey(string Namespace, string Kind, string Name)
{
    public static WorkloadKey Of(WorkloadReference workload) => new(workload.Namespace, workload.Kind, workload.Name);
}
