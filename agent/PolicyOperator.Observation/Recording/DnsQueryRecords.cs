using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Observation.Attribution;

namespace PolicyOperator.Observation.Recording;

/// <summary>
/// Turns attributed DNS questions into each workload's <c>spec.dnsQueries</c>: one record per name
/// and type with the questions and answers of all its pods summed, the pods that asked (as
/// processes), and at most <see cref="MaxRecords"/> records (the most asked).
/// </summary>
internal static class DnsQueryRecords
{
    /// <summary>Records kept per object.</summary>
    public const int MaxRecords = 256;

    /// <summary>Answer addresses kept per record.</summary>
    public const int MaxAnswers = 16;

    /// <summary>The key of a workload on a node.</summary>
    public static (string Node, string Namespace, string Kind, string Name) Key(string node, WorkloadReference workload) =>
        (node, workload.Namespace, workload.Kind, workload.Name);

    /// <summary>Each workload's records, sorted by name and type.</summary>
    public static Dictionary<(string Node, string Namespace, string Kind, string Name), IReadOnlyList<DnsQueryRecord>> ByWorkload(IEnumerable<AttributedDnsQuery> queries) =>
        queries
            .GroupBy(q => Key(q.Node, q.Asker.Workload!))
            .ToDictionary(
                workload => workload.Key,
                workload => (IReadOnlyList<DnsQueryRecord>)[.. workload
                    .GroupBy(q => (q.Tally.Name, q.Tally.QueryType))
                    .Select(Merge)
                    .OrderByDescending(r => r.Queries).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.QueryType, StringComparer.Ordinal)
                    .Take(MaxRecords)
                    .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.QueryType, StringComparer.Ordinal)]);

    private static DnsQueryRecord Merge(IGrouping<(string Name, string QueryType), AttributedDnsQuery> asked)
    {
        var responses = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (rcode, count) in asked.SelectMany(q => q.Tally.Responses))
        {
            responses[rcode] = responses.GetValueOrDefault(rcode) + count;
        }

        return new DnsQueryRecord
        {
            Name = asked.Key.Name,
            QueryType = asked.Key.QueryType,
            Queries = asked.Sum(q => q.Tally.Queries),
            Responses = responses,
            Answers = [.. asked.SelectMany(q => q.Tally.Answers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxAnswers)],
            Processes = [.. asked
                .GroupBy(q => (q.Asker.Pod, q.Asker.Container))
                .Select(p => new ProcessReference
                {
                    Comm = "unknown", // a DNS message does not carry its process's command
                    Pod = p.Key.Pod,
                    Container = p.Key.Container,
                    Pid = p.Select(q => q.Tally.Pid).FirstOrDefault(pid => pid > 0) is var pid and > 0 ? pid : null,
                    Count = p.Sum(q => q.Tally.Queries),
                })
                .OrderBy(p => p.Pod, StringComparer.Ordinal)],
        };
    }
}
