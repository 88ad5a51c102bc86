using PolicyOperator.Api.Meta;

namespace PolicyOperator.Engine.Reporting;

/// <summary>The outside names one workload actually used, as egress allow rules.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Selector">Its pod selector from the records; null when none was recorded (then no Cilium policy is written for it).</param>
/// <param name="Rules">Names grouped by the ports they were reached on.</param>
/// <param name="UnnamedCidrs">Outside endpoints reached without any DNS name (need a CIDR rule instead), with their ports.</param>
public sealed record FqdnEgressSuggestion(
    TrafficEndpoint Workload,
    LabelSelector? Selector,
    IReadOnlyList<FqdnRule> Rules,
    IReadOnlyList<CidrRule> UnnamedCidrs);
