namespace PolicyOperator.Engine.Reporting;

/// <summary>External versus internal DNS names queried, per workload (see <see cref="NameScopeClassifier"/> for the rule).</summary>
public static class NameScopeReport
{
    /// <summary>One row per workload with DNS queries, most external queries first.</summary>
    public static IReadOnlyList<NameScopeCount> Build(ReportInput input) =>
        [.. input.Traffic
            .Where(t => t.Spec.DnsQueries.Count > 0)
            .GroupBy(t => (t.Spec.Cluster, t.Spec.Workload.Namespace, t.Spec.Workload.Name))
            .Select(g =>
            {
                var source = TrafficSource.WorkloadOf(g.First().Spec);
                var queries = g.SelectMany(t => t.Spec.DnsQueries)
                    .Select(q => (Name: DnsNames.Normalize(q.Name), q.Queries))
                    .Select(q => (q.Name, q.Queries, Scope: input.Names.Classify(q.Name)))
                    .ToList();
                var external = queries.Where(q => q.Scope == NameScope.External).ToList();
                var internalNames = queries.Where(q => q.Scope == NameScope.Internal).ToList();
                return new NameScopeCount(
                    source,
                    internalNames.Select(q => q.Name).Distinct(StringComparer.Ordinal).Count(),
                    internalNames.Sum(q => q.Queries),
                    external.Select(q => q.Name).Distinct(StringComparer.Ordinal).Count(),
                    external.Sum(q => q.Queries),
                    [.. external.Select(q => q.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
            })
            .OrderByDescending(c => c.ExternalQueries)
            .ThenBy(c => c.Source.ToString(), StringComparer.Ordinal)];
}
