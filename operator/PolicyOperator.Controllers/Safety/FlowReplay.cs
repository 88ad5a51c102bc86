using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Verification;

namespace PolicyOperator.Controllers.Safety;

/// <summary>
/// Replays every flow observed of one workload (its own entries and its peers' entries naming it) against
/// a set of NetworkPolicies with the evaluator. Pure; the safety check and drift detection share it.
/// </summary>
public static class FlowReplay
{
    public static ReplayOutcome Replay(WorkloadTraffic traffic, IEnumerable<NetworkPolicy> policies, InventoryIndex index, int maxListed)
    {
        var own = traffic.Own.Select(Name).ToHashSet(StringComparer.Ordinal);
        var peers = traffic.FromPeers.ToDictionary(Name, t => t.Spec.Workload, StringComparer.Ordinal);
        var result = FlowVerifier.Verify(new PolicySet(policies), new TrafficFlowConverter(index).Convert(traffic.All));
        var listed = result.Denied
            .Select(d => Describe(d, own, peers))
            .Distinct()
            .Take(maxListed)
            .ToList();
        var unattributed = result.Unattributed.Select(u => u.ToString()).Take(maxListed).ToList();
        return new ReplayOutcome(result.Flows, result.Denied.Count, listed, unattributed);
    }

    private static string Name(ObservedTraffic t) => $"{t.Metadata.Namespace ?? t.Spec.Workload.Namespace}/{t.Metadata.Name}";

    /// <summary>The flow from the workload's side: its direction and the other end.</summary>
    private static FlowReference Describe(DeniedFlow denied, HashSet<string> own, Dictionary<string, WorkloadReference> peers)
    {
        var origin = denied.Observed.Origin;
        var egress = origin.Direction == "egress";
        var flow = denied.Observed.Flow;
        var isOwn = own.Contains(origin.Object);
        var direction = egress == isOwn ? TrafficDirection.Egress : TrafficDirection.Ingress;
        var peer = isOwn
            ? (egress ? flow.Destination : flow.Source).ToString()
            : peers.TryGetValue(origin.Object, out var w) ? $"{w.Namespace}/{w.Name}[{w.Kind}]" : origin.Object;
        return new FlowReference
        {
            Direction = direction,
            Peer = peer,
            Protocol = flow.Protocol,
            Port = flow.Port,
            LastSeen = denied.Observed.Entry.LastSeen,
        };
    }
}
