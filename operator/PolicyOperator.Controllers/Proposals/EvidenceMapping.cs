using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Traffic;

namespace PolicyOperator.Controllers.Proposals;

/// <summary>
/// Bounds the synthesis's evidence (unbounded) to what a proposal stores (the CRD's limits) and adds what
/// only the operator knows. Traffic allowed without a rule (from the pod's own node) has no rule to explain
/// and is left out; the nodes and sources of a rule name both ends' reports of a connection (the counts
/// are the synthesis's, each connection once); a rule without traffic of its own (the DNS rule) keeps its
/// reason and gets the observation window as its times.
/// </summary>
public static class EvidenceMapping
{
    public const int MaxEvidence = 256;
    public const int MaxListItems = 16;
    private const int MaxTextLength = 512;

    /// <summary>The evidence in the policy's order, at most <see cref="MaxEvidence"/>; <paramref name="left"/> says how many did not fit.</summary>
    public static IReadOnlyList<RuleEvidence> Map(IReadOnlyList<RuleEvidence> evidence, WorkloadTraffic traffic, out int left)
    {
        var mapped = new List<RuleEvidence>();
        var (first, last) = (traffic.FirstObserved, traffic.LastObserved);
        foreach (var e in evidence)
        {
            if (e.RuleIndex is null)
            {
                continue;
            }

            // The other end's own reports of this connection (the peer's node saw it too): listed, not counted again.
            var peers = traffic.FromPeers.Where(t => e.ObservedPeers.Contains(Describe(t.Spec.Workload), StringComparer.Ordinal)).ToList();
            mapped.Add(e with
            {
                Peer = Bounded(e.Peer),
                Reason = e.Reason is { } reason ? Bounded(reason) : null,
                FirstSeen = e.FirstSeen ?? first,
                LastSeen = e.LastSeen ?? last,
                Processes = [.. e.Processes.Take(MaxListItems)],
                DnsNames = [.. e.DnsNames.Take(MaxListItems)],
                Nodes = [.. e.Nodes.Union(peers.Select(t => t.Spec.Node), StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxListItems)],
                ObservedPeers = [.. e.ObservedPeers.Take(MaxListItems)],
                Sources = Sources(traffic, e.Nodes, peers),
            });
        }

        left = Math.Max(0, mapped.Count - MaxEvidence);
        return left == 0 ? mapped : mapped[..MaxEvidence];
    }

    private static string Bounded(string text) => text.Length > MaxTextLength ? text[..(MaxTextLength - 3)] + "..." : text;

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
