using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Observation.Attribution;

namespace PolicyOperator.Observation.Recording;

/// <summary>
/// Turns attributed flows into ObservedTraffic objects, one per workload per node (entries merged by
/// peer, protocol and port with their processes and connection samples, through the same
/// <see cref="FlowAggregator"/> the file readers use), each kept within <see cref="TrafficLimits"/>
/// and labelled with its node and workload. With <c>windows</c>, each object covers the current
/// observation window and the previous one (<see cref="ObservationWindowSchedule.RetainedSince"/>):
/// flows last seen before the previous window started age out, and a workload with none left has
/// no object. Without, every flow is recorded.
/// </summary>
public sealed class TrafficRecorder(TrafficLimits limits, TimeProvider? time = null, ObservationWindowSchedule? windows = null)
{
    /// <summary>The label naming the node that observed the traffic.</summary>
    public const string NodeLabel = "policyoperator.io/node";

    /// <summary>The label naming the workload (its name; the kind is in the spec).</summary>
    public const string WorkloadLabel = "policyoperator.io/workload";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The limits each object is kept within.</summary>
    public TrafficLimits Limits => limits;

    /// <summary>The observation windows; null when every flow is recorded.</summary>
    public ObservationWindowSchedule? Windows => windows;

    /// <summary>
    /// The objects for the flows of <paramref name="flows"/> seen in the retained windows, sorted by
    /// namespace, workload and node. A flow's counts are its totals (the sensor's counters are not
    /// reset at a window's start), so an entry still seen may count earlier connections too.
    /// </summary>
    public IReadOnlyList<ObservedTraffic> Record(IEnumerable<AttributedFlow> flows, IEnumerable<AttributedDnsQuery>? dnsQueries = null)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var now = _time.GetUtcNow();
        var windowStart = windows?.RetainedSince(now);
        var aggregator = new FlowAggregator();
        foreach (var flow in flows.Where(f => windowStart is null || (f.Counts?.LastSeen ?? f.Time) is not { } last || last >= windowStart))
        {
            aggregator.Add(flow);
        }

        var dns = DnsQueryRecords.ByWorkload((dnsQueries ?? []).Where(q => windowStart is null || q.Tally.LastSeen >= windowStart));
        return aggregator.Build()
            .Select(t => dns.TryGetValue(DnsQueryRecords.Key(t.Spec.Node, t.Spec.Workload), out var records) ? t with { Spec = t.Spec with { DnsQueries = records } } : t)
            .Select(t => TrafficBounds.Apply(Labelled(windowStart is { } start ? InWindow(t, start) : t), limits, now))
            .ToList();
    }

    // The window starts where the retained windows do; it ends at the last flow seen, so an object that saw
    // nothing new is unchanged (and not written again).
    private static ObservedTraffic InWindow(ObservedTraffic traffic, DateTimeOffset windowStart) => traffic with
    {
        Spec = traffic.Spec with
        {
            Window = new ObservationWindow
            {
                Start = windowStart,
                End = traffic.Spec.Window.End > windowStart ? traffic.Spec.Window.End : windowStart,
            },
        },
    };

    private static ObservedTraffic Labelled(ObservedTraffic traffic) => traffic with
    {
        Metadata = traffic.Metadata with
        {
            Labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [NodeLabel] = LabelValue(traffic.Spec.Node),
                [WorkloadLabel] = LabelValue(traffic.Spec.Workload.Name),
            },
        },
    };

    // Label values: at most 63 characters of [A-Za-z0-9._-], starting and ending alphanumeric.
    internal static string LabelValue(string value)
    {
        var cleaned = new string([.. value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
        cleaned = cleaned.Length > 63 ? cleaned[..63] : cleaned;
        return cleaned.Trim('-', '_', '.');
    }
}
