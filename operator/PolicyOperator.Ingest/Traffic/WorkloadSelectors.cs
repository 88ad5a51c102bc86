using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Fills in the selector of workload references that came without labels (Hubble reports some pods with
/// a bare "world" identity) from another reference to the same workload in the same read, so that every
/// ObservedTraffic object is usable on its own (by the synthesis and by verify).
/// </summary>
internal static class WorkloadSelectors
{
    public static TrafficReadResult Fill(TrafficReadResult result)
    {
        var known = new Dictionary<(string, string, string), WorkloadReference>();
        void Learn(WorkloadReference? w)
        {
            if (w?.Selector is { IsEmpty: false })
            {
                known.TryAdd((w.Namespace, w.Kind, w.Name), w);
            }
        }

        foreach (var t in result.Traffic)
        {
            Learn(t.Spec.Workload);
            foreach (var entry in t.Spec.Ingress.Concat(t.Spec.Egress))
            {
                Learn(entry.Peer.Workload);
            }
        }

        WorkloadReference Complete(WorkloadReference w) =>
            w.Selector is null && known.TryGetValue((w.Namespace, w.Kind, w.Name), out var other)
                ? w with { Selector = other.Selector, Labels = w.Labels is { Count: > 0 } ? w.Labels : other.Labels }
                : w;

        TrafficEntry CompleteEntry(TrafficEntry e) =>
            e.Peer.Workload is { Selector: null } peer ? e with { Peer = e.Peer with { Workload = Complete(peer) } } : e;

        return result with
        {
            Traffic = result.Traffic.Select(t => t with
            {
                Spec = t.Spec with
                {
                    Workload = Complete(t.Spec.Workload),
                    Ingress = [.. t.Spec.Ingress.Select(CompleteEntry)],
                    Egress = [.. t.Spec.Egress.Select(CompleteEntry)],
                },
            }).ToList(),
        };
    }
}
