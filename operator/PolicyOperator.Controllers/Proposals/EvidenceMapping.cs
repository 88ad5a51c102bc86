using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Traffic;
using EngineEvidence = PolicyOperator.Engine.Synthesis.RuleEvidence;

namespace PolicyOperator.Controllers.Proposals;

/// <summary>
/// The one place where the engine's evidence (everything the synthesis knows, unbounded) becomes the
/// API's (what a proposal stores, bounded by the CRD). Traffic allowed without a rule (from the pod's own
/// node) has no rule to explain and is left out; the nodes and sources of a rule name both ends' reports
/// of a connection (the counts are the synthesis's, each connection once); a rule without traffic of its own (the DNS rule) carries
/// its reason in the peer text and the observation window as its times.
/// </summary>
public static class EvidenceMapping
{
    public const int MaxEvidence = 256;
    public const int MaxListItems = 16;
    private const int MaxPeerLength = 512;

    /// <summary>The evidence in the policy's order, at most <see cref="MaxEvidence"/>; <paramref name="left"/> says how many did not fit.</summary>
    public static IReadOnlyList<RuleEvidence> Map(IReadOnlyList<EngineEvidence> evidence, WorkloadTraffic traffic, out int left)
    {
        var mapped = new List<RuleEvidence>();
        var (first, last) = (traffic.FirstObserved, traffic.LastObserved);
        foreach (var e in evidence)
        {
            if (e.RuleIndex is not { } index)
            {
                continue;
            }

            // The other end's own reports of this connection (the peer's node saw it too): listed, not counted again.
            var peers = traffic.FromPeers.Where(t => e.ObservedPeers.Contains(Describe(t.Spec.Workload), StringComparer.Ordinal)).ToList();
            var peer = e.Reason is { } reason ? $"{e.Peer} ({reason})" : e.Peer;
            mapped.Add(new RuleEvidence
            {
                Direction = e.Direction,
                RuleIndex = index,
                Peer = peer.Length > MaxPeerLength ? peer[..(MaxPeerLength - 3)] + "..." : peer,
                Protocol = e.Protocol,
                Port = e.Port,
                Connections = e.Connections,
                FirstSeen = e.FirstSeen ?? first,
                LastSeen = e.LastSeen ?? last,
                Nodes = [.. e.Nodes.Union(peers.Select(t => t.Spec.Node), StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxListItems)],
                Sources = Sources(traffic, e.Nodes, peers),
            });
        }

        left = Math.Max(0, mapped.Count - MaxEvidence);
        return left == 0 ? mapped : mapped[..MaxEvidence];
    }

    /// <summary>The ObservedTraffic objects behind it: the workload's own from the nodes that saw it, then the peers' reports of it.</summary>
    private static List<string> Sources(WorkloadTraffic traffic, IReadOnlyList<string> nodes, IEnumerable<ObservedTraffic> peers) =>
        [.. traffic.Own
            .Where(t => nodes.Contains(t.Spec.Node, StringComparer.Ordinal))
            .Concat(peers)
            .Select(t => $"{t.Metadata.Namespace}/{t.Metadata.Name}")
            .Distinct(StringComparer.Ordinal)
            .Take(MaxListItems)];

    private static string Describe(WorkloadReference workload) => $"{workload.Namespace}/{workload.Name}[{workload.Kind}]";
}
