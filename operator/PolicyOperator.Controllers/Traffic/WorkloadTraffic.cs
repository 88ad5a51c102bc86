using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Proposals;

namespace PolicyOperator.Controllers.Traffic;

/// <summary>
/// Everything observed about one workload, from every node: what it saw itself, and what its peers saw
/// of it (their entries naming it, only those), so that a connection seen on the client's node and on
/// the server's node is one connection with both sides' evidence. A workload whose nodes run no agent has
/// no traffic of its own: it is known from its peers' reports only (<see cref="PeersOnly"/>).
/// </summary>
/// <param name="Workload">The workload (the reference with a selector, where any object has one).</param>
/// <param name="Own">The workload's own ObservedTraffic, one per node and window.</param>
/// <param name="FromPeers">Peers' ObservedTraffic cut down to the entries whose peer is this workload.</param>
public sealed record WorkloadTraffic(WorkloadReference Workload, IReadOnlyList<ObservedTraffic> Own, IReadOnlyList<ObservedTraffic> FromPeers)
{
    public IEnumerable<ObservedTraffic> All => Own.Concat(FromPeers);

    /// <summary>True when no node reported the workload itself: everything known of it is what its peers saw.</summary>
    public bool PeersOnly => Own.Count == 0;

    /// <summary>When the workload was first observed (the learning window counts from here).</summary>
    public DateTimeOffset FirstObserved => Reports.Min(t => t.Spec.Window.Start);

    public DateTimeOffset LastObserved => Reports.Max(t => t.Spec.Window.End);

    private IReadOnlyList<ObservedTraffic> Reports => PeersOnly ? FromPeers : Own;

    /// <summary>
    /// Gathers the traffic of the workload whose proposal index value is <paramref name="indexValue"/>; null
    /// when neither it nor any peer reported it.
    /// </summary>
    public static WorkloadTraffic? Gather(string indexValue, IReadOnlyList<ObservedTraffic> own, IReadOnlyList<ObservedTraffic> peers)
    {
        var live = own.Where(t => t.Metadata.DeletionTimestamp is null).OrderBy(t => t.Metadata.Name, StringComparer.Ordinal).ToList();
        bool Names(TrafficEntry entry) => entry.Peer.Workload is { Cluster: null } peer && ProposalNaming.IndexValue(peer) == indexValue;
        var fromPeers = peers
            .Where(t => t.Metadata.DeletionTimestamp is null && ProposalNaming.IndexValue(t.Spec.Workload) != indexValue)
            .OrderBy(t => t.Metadata.Namespace, StringComparer.Ordinal).ThenBy(t => t.Metadata.Name, StringComparer.Ordinal)
            .Select(t => t with { Spec = t.Spec with { Ingress = [.. (t.Spec.Ingress ?? []).Where(Names)], Egress = [.. (t.Spec.Egress ?? []).Where(Names)], DnsQueries = [] } })
            .Where(t => t.Spec.Ingress.Count + t.Spec.Egress.Count > 0)
            .ToList();
        var known = live.Count > 0
            ? live.Select(t => t.Spec.Workload)
            : fromPeers.SelectMany(t => t.Spec.Ingress.Concat(t.Spec.Egress)).Select(e => e.Peer.Workload!);
        var workload = known.FirstOrDefault(w => w.Selector is not null) ?? known.FirstOrDefault();
        return workload is null ? null : new WorkloadTraffic(workload, live, fromPeers);
    }
}
