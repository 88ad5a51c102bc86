using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Controllers.Safety;

/// <summary>
/// Design rule 9: before anything is applied, every flow observed of the workload is replayed against the
/// proposed policies together with the NetworkPolicies already in the cluster (minus the ones the proposal
/// replaces). A denial, or a flow that cannot be evaluated, fails the check. Workloads of protected
/// namespaces (kube-system with the cluster DNS, the operator's own) are never isolated. Pure.
/// </summary>
public static class SafetyChecker
{
    public static SafetyVerdict Check(
        WorkloadTraffic traffic,
        IReadOnlyList<NetworkPolicy> proposed,
        IReadOnlyList<NetworkPolicy> existing,
        InventoryIndex index,
        OperatorOptions options,
        DateTimeOffset now)
    {
        if (proposed.Count == 0)
        {
            return new SafetyVerdict(new SafetyCheck { Result = SafetyCheckResult.Pending, CheckedAt = now }, SafetyVerdict.NothingProposed, "no policy is proposed");
        }

        var ns = traffic.Workload.Namespace;
        if (options.IsProtected(ns))
        {
            var why = ns == options.OperatorNamespace
                ? $"namespace {ns} is the operator's own: isolating it could cut the operator's access to the API server"
                : $"namespace {ns} is protected (the cluster DNS and control plane live there); it is never isolated unless configured";
            return new SafetyVerdict(new SafetyCheck { Result = SafetyCheckResult.Failed, CheckedAt = now }, SafetyVerdict.ProtectedNamespace, why);
        }

        var outcome = FlowReplay.Replay(traffic, existing.Concat(proposed), index, options.MaxListedFlows);
        var check = new SafetyCheck
        {
            Result = outcome.AllAllowed ? SafetyCheckResult.Passed : SafetyCheckResult.Failed,
            FlowsReplayed = outcome.Replayed,
            FlowsDenied = outcome.Denied,
            DeniedFlows = outcome.Listed,
            CheckedAt = now,
        };
        if (outcome.AllAllowed)
        {
            return new SafetyVerdict(check, SafetyVerdict.AllFlowsAllowed, $"all {outcome.Replayed} observed flow(s) stay allowed");
        }

        var message = outcome.Denied > 0
            ? $"{outcome.Denied} of {outcome.Replayed} observed flow(s) would be denied, for example {string.Join("; ", outcome.Listed.Take(3).Select(Text))}"
            : string.Empty;
        if (outcome.Unattributed.Count > 0)
        {
            message += (message.Length > 0 ? "; " : string.Empty) + $"{outcome.Unattributed.Count} entr(ies) could not be evaluated, for example {outcome.Unattributed[0]}";
        }

        return new SafetyVerdict(check, outcome.Denied > 0 ? SafetyVerdict.WouldDenyObservedTraffic : SafetyVerdict.UnverifiableTraffic, message);
    }

    public static string Text(FlowReference flow) =>
        $"{flow.Direction.ToString().ToLowerInvariant()} {(flow.Direction == TrafficDirection.Egress ? "to" : "from")} {flow.Peer} {flow.Protocol}/{flow.Port}";
}
