namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Cross-namespace east-west traffic within a cluster. A namespace's environment is the value of the
/// first of <see cref="ReportOptions.EnvironmentLabelKeys"/> (default <c>environment</c>, then
/// <c>env</c>) among its labels in the inventory; a flow is flagged when both ends have an
/// environment and they differ. Without an inventory nothing is flagged.
/// </summary>
public static class CrossNamespaceReport
{
    /// <summary>One row per workload pair; flagged rows first, then most connections.</summary>
    public static IReadOnlyList<CrossNamespaceFlow> Build(ReportInput input) =>
        [.. input.Edges
            .Where(e => e.Source.IsInCluster && e.Destination.IsInCluster && e.Source.Cluster == e.Destination.Cluster && e.Source.Namespace != e.Destination.Namespace)
            .GroupBy(e => (e.Source.Key, e.Destination.Key))
            .Select(g =>
            {
                var first = g.First();
                var sourceEnvironment = Environment(input, first.Source.Namespace!);
                var destinationEnvironment = Environment(input, first.Destination.Namespace!);
                return new CrossNamespaceFlow(
                    first.Source,
                    first.Destination,
                    [.. g.Select(e => $"{e.Port}/{e.Protocol}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    g.Sum(e => e.Connections),
                    sourceEnvironment,
                    destinationEnvironment,
                    sourceEnvironment is not null && destinationEnvironment is not null && sourceEnvironment != destinationEnvironment);
            })
            .OrderByDescending(f => f.EnvironmentMismatch)
            .ThenByDescending(f => f.Connections)
            .ThenBy(f => f.Source.ToString(), StringComparer.Ordinal)
            .ThenBy(f => f.Destination.ToString(), StringComparer.Ordinal)];

    private static string? Environment(ReportInput input, string ns)
    {
        if (input.Inventory is not { } inventory || !inventory.HasNamespace(ns))
        {
            return null;
        }

        var labels = inventory.NamespaceLabels(ns);
        return input.Options.EnvironmentLabelKeys.Select(k => labels.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrEmpty(v));
    }
}
