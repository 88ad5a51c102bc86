using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// DNS hotspots: queries by namespace, workload, pod, container and process; the names asked for
/// most, by source; and failed lookups by source. Pod, container and process counts come from the
/// per-process <see cref="ProcessReference.Count"/>; a record with one process and no count gives it
/// all its queries; what no process accounts for is counted under <see cref="TrafficSource.Unattributed"/>,
/// so every level adds up to the same total. Failures are attributed below the workload only when the
/// record has a single process.
/// </summary>
public static class DnsHotspotReport
{
    /// <summary>The rcode of a successful answer.</summary>
    public const string Success = "NOERROR";

    private static readonly SourceLevel[] BelowWorkload = [SourceLevel.Pod, SourceLevel.Container, SourceLevel.Process];

    public static DnsHotspots Build(ReportInput input)
    {
        var sources = new Dictionary<TrafficSource, Tally>();
        var names = new Dictionary<string, (long Queries, long Failures, Dictionary<TrafficSource, Tally> BySource)>(StringComparer.Ordinal);
        var failures = new Dictionary<(TrafficSource Source, string Name, string Rcode), long>();

        foreach (var record in input.Traffic)
        {
            var spec = record.Spec;
            var workload = TrafficSource.WorkloadOf(spec);
            var ns = workload with { Level = SourceLevel.Namespace, Workload = null, WorkloadKind = null };
            foreach (var query in spec.DnsQueries)
            {
                var name = DnsNames.Normalize(query.Name);
                var failed = query.Responses.Where(r => !string.Equals(r.Key, Success, StringComparison.OrdinalIgnoreCase) && r.Value > 0).ToList();
                var failedCount = failed.Sum(r => r.Value);

                Tally.Add(sources, ns, query.Queries, failedCount, name);
                Tally.Add(sources, workload, query.Queries, failedCount, name);
                foreach (var (process, queries, processFailures) in Shares(query, failedCount))
                {
                    foreach (var level in BelowWorkload)
                    {
                        Tally.Add(sources, At(workload, level, process), queries, processFailures, name);
                    }
                }

                var entry = names.TryGetValue(name, out var known) ? known : (0, 0, new Dictionary<TrafficSource, Tally>());
                Tally.Add(entry.BySource, workload, query.Queries, failedCount, name);
                names[name] = (entry.Queries + query.Queries, entry.Failures + failedCount, entry.BySource);

                foreach (var (rcode, count) in failed)
                {
                    var key = (workload, name, rcode.ToUpperInvariant());
                    failures[key] = failures.GetValueOrDefault(key) + count;
                }
            }
        }

        return new DnsHotspots(
            sources.Where(s => s.Key.Level == SourceLevel.Workload).Sum(s => s.Value.Queries),
            sources.Where(s => s.Key.Level == SourceLevel.Workload).Sum(s => s.Value.Failures),
            [.. sources.Select(s => s.Value.ToCount(s.Key)).OrderBy(c => c.Source.Level).ThenByDescending(c => c.Queries).ThenBy(c => c.Source.ToString(), StringComparer.Ordinal)],
            [.. names
                .Select(n => new DnsNameCount(n.Key, input.Names.Classify(n.Key), n.Value.Queries, n.Value.Failures, MostFirst(n.Value.BySource)))
                .OrderByDescending(n => n.Queries).ThenBy(n => n.Name, StringComparer.Ordinal)],
            [.. failures
                .Select(f => new DnsFailure(f.Key.Source, f.Key.Name, f.Key.Rcode, f.Value))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Source.ToString(), StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Rcode, StringComparer.Ordinal)]);
    }

    private static List<DnsSourceCount> MostFirst(Dictionary<TrafficSource, Tally> bySource) =>
        [.. bySource.Select(s => s.Value.ToCount(s.Key)).OrderByDescending(c => c.Queries).ThenBy(c => c.Source.ToString(), StringComparer.Ordinal)];

    /// <summary>Splits a record's queries and failures over its processes; the rest goes to an unattributed share.</summary>
    private static IEnumerable<(ProcessReference? Process, long Queries, long Failures)> Shares(DnsQueryRecord query, long failures)
    {
        if (query.Processes is [{ } only] && only.Count is null)
        {
            yield return (only, query.Queries, failures);
            yield break;
        }

        var counted = 0L;
        foreach (var process in query.Processes.Where(p => p.Count is > 0))
        {
            counted += process.Count!.Value;
            yield return (process, process.Count.Value, query.Processes.Count == 1 ? failures : 0);
        }

        var singleProcessFailures = query.Processes.Count == 1 && query.Processes[0].Count is > 0;
        var rest = query.Queries - counted;
        var restFailures = singleProcessFailures ? 0 : failures;
        if (rest > 0 || restFailures > 0)
        {
            yield return (null, Math.Max(rest, 0), restFailures);
        }
    }

    private static TrafficSource At(TrafficSource workload, SourceLevel level, ProcessReference? process) => workload with
    {
        Level = level,
        Pod = level == SourceLevel.Pod ? process?.Pod ?? TrafficSource.Unattributed : null,
        Container = level >= SourceLevel.Container ? process?.Container ?? TrafficSource.Unattributed : null,
        Process = level == SourceLevel.Process ? process?.Comm ?? TrafficSource.Unattributed : null,
    };

    private sealed class Tally
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public long Queries { get; private set; }

        public long Failures { get; private set; }

        public static void Add(Dictionary<TrafficSource, Tally> tallies, TrafficSource source, long queries, long failures, string name)
        {
            if (!tallies.TryGetValue(source, out var tally))
            {
                tallies[source] = tally = new Tally();
            }

            tally.Queries += queries;
            tally.Failures += failures;
            tally._names.Add(name);
        }

        public DnsSourceCount ToCount(TrafficSource source) => new(source, Queries, Failures, _names.Count);
    }
}
