namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Who talks to a target (<c>policyctl report --to</c>) and what a target talks to (<c>--from</c>),
/// over the merged edges; for <c>--to</c> also who asked DNS for the target's names, which shows
/// clients whose connections were not annotated with the name.
/// </summary>
public static class TalksToQuery
{
    public static TalksToResult Run(ReportInput input, TrafficTarget target, QueryDirection direction)
    {
        var matcher = new TargetMatcher(target, input);
        var connections = input.Edges
            .Where(e => matcher.Matches(direction == QueryDirection.To ? e.Destination : e.Source))
            .OrderByDescending(e => e.Connections)
            .ThenBy(e => e.Source.ToString(), StringComparer.Ordinal)
            .ThenBy(e => e.Destination.ToString(), StringComparer.Ordinal)
            .ThenBy(e => e.Port)
            .ToList();

        List<DnsQuestionCount> questions = direction == QueryDirection.From ? [] :
            [.. input.Traffic
                .SelectMany(t => t.Spec.DnsQueries.Where(q => matcher.MatchesQuestion(q.Name)).Select(q => (t.Spec, Query: q)))
                .GroupBy(x => (x.Spec.Cluster, x.Spec.Workload.Namespace, Workload: x.Spec.Workload.Name, Question: DnsNames.Normalize(x.Query.Name)))
                .Select(g => new DnsQuestionCount(
                    TrafficSource.WorkloadOf(g.First().Spec),
                    g.Key.Question,
                    g.Sum(x => x.Query.Queries),
                    [.. g.SelectMany(x => x.Query.Answers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
                .OrderByDescending(q => q.Queries)
                .ThenBy(q => q.Source.ToString(), StringComparer.Ordinal)
                .ThenBy(q => q.Name, StringComparer.Ordinal)];

        return new TalksToResult(target, direction, connections, questions);
    }
}
