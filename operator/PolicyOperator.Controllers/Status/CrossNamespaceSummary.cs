using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Reporting;

namespace PolicyOperator.Controllers.Status;

/// <summary>
/// The proposal's cross-namespace report (the <see cref="ProposalConditions.CrossNamespaceTraffic"/>
/// condition): the workload's east-west traffic with other namespaces, from the same report as
/// <c>policyctl report cross-namespace</c>, flagged where the namespaces' environment labels differ. Pure.
/// </summary>
public static class CrossNamespaceSummary
{
    private const int MaxListed = 10;

    /// <summary>Whether there is any, the condition's reason, and its message.</summary>
    public static (bool Any, string Reason, string Message) Of(WorkloadTraffic traffic, InventoryIndex index)
    {
        var workload = traffic.Workload;
        bool Is(TrafficEndpoint end) => end.Namespace == workload.Namespace && end.Name == workload.Name;
        var flows = CrossNamespaceReport.Build(new ReportInput([.. traffic.All], index))
            .Where(f => Is(f.Source) || Is(f.Destination))
            .ToList();
        if (flows.Count == 0)
        {
            return (false, ProposalConditions.SameNamespaceOnly, "no traffic with other namespaces observed");
        }

        var lines = flows.Take(MaxListed).Select(f =>
            $"{(f.EnvironmentMismatch ? "! " : string.Empty)}{f.Source} -> {f.Destination} {string.Join(",", f.Ports)} ({f.Connections} connection(s)"
            + (f.SourceEnvironment is not null || f.DestinationEnvironment is not null ? $", environments {f.SourceEnvironment ?? "-"} -> {f.DestinationEnvironment ?? "-"}" : string.Empty) + ")");
        var more = flows.Count > MaxListed ? $"; and {flows.Count - MaxListed} more" : string.Empty;
        return (true, flows.Any(f => f.EnvironmentMismatch) ? ProposalConditions.EnvironmentMismatch : ProposalConditions.TalksAcrossNamespaces, string.Join("; ", lines) + more);
    }
}
