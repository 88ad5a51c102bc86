using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Proposals;
using PolicyOperator.Runtime.Informers;

namespace PolicyOperator.Controllers.Traffic;

/// <summary>
/// Indexes of the ObservedTraffic cache: by the proposal of the observed workload, and by the proposals
/// of the workloads it talked to, so that both ends of a connection are found without scanning.
/// </summary>
public static class TrafficIndexes
{
    public const string ByProposal = "proposal";
    public const string ByPeerProposal = "peer-proposal";

    /// <summary>The Services (<c>namespace/name</c>) the traffic names as peers: who talks to a Service.</summary>
    public const string ByPeerService = "peer-service";

    public static void AddTo(InformerCache<ObservedTraffic> cache)
    {
        cache.AddIndex(ByProposal, t => IsProposable(t.Spec.Workload) ? [ProposalNaming.IndexValue(t.Spec.Workload)] : []);
        cache.AddIndex(ByPeerProposal, PeerValues);
        cache.AddIndex(ByPeerService, PeerServices);
    }

    /// <summary>The proposals an object concerns: its own workload's and its peers'.</summary>
    public static IEnumerable<ObjectKey> ProposalKeys(ObservedTraffic traffic)
    {
        if (IsProposable(traffic.Spec.Workload))
        {
            yield return ProposalNaming.KeyFor(traffic.Spec.Workload);
        }

        foreach (var peer in PeerWorkloads(traffic))
        {
            yield return ProposalNaming.KeyFor(peer);
        }
    }

    /// <summary>Host processes are not selected by any NetworkPolicy: no proposal for them.</summary>
    public static bool IsProposable(WorkloadReference workload) => workload.Kind != "Host" && workload.Name.Length > 0 && workload.Namespace.Length > 0;

    private static IEnumerable<string> PeerValues(ObservedTraffic traffic) =>
        PeerWorkloads(traffic).Select(ProposalNaming.IndexValue).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> PeerServices(ObservedTraffic traffic) =>
        (traffic.Spec.Ingress ?? []).Concat(traffic.Spec.Egress ?? [])
            .Select(e => e.Peer.Service)
            .OfType<ServicePeer>()
            .Select(s => $"{s.Namespace}/{s.Name}")
            .Distinct(StringComparer.Ordinal);

    private static IEnumerable<WorkloadReference> PeerWorkloads(ObservedTraffic traffic)
    {
        var self = ProposalNaming.IndexValue(traffic.Spec.Workload);
        return (traffic.Spec.Ingress ?? []).Concat(traffic.Spec.Egress ?? [])
            .Select(e => e.Peer.Workload)
            .OfType<WorkloadReference>()
            .Where(w => IsProposable(w) && w.Cluster is null && ProposalNaming.IndexValue(w) != self);
    }
}
