using PolicyOperator.Engine.Reporting;

namespace PolicyOperator.Cli.Reporting;

/// <summary>
/// What <c>policyctl report -o json</c> prints: one property per question answered (the others are
/// absent), each the engine's report model with lists cut to <c>--top</c>. Documented in docs/report.md.
/// </summary>
internal sealed record ReportDocument
{
    public int SchemaVersion { get; init; } = 1;

    public DnsHotspots? DnsHotspots { get; init; }

    public IReadOnlyList<NameScopeCount>? NameScopes { get; init; }

    public IReadOnlyList<WorkloadExternalEndpoints>? ExternalEndpoints { get; init; }

    public TalksToResult? TalksTo { get; init; }

    public IReadOnlyList<CrossNamespaceFlow>? CrossNamespace { get; init; }

    public CrossClusterTraffic? CrossCluster { get; init; }

    public IReadOnlyList<HairpinFlow>? Hairpins { get; init; }

    public IReadOnlyList<FqdnEgressSuggestion>? FqdnEgress { get; init; }
}
