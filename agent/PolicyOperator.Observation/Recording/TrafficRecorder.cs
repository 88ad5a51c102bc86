using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Traffic;

namespace PolicyOperator.Observation.Recording;

/// <summary>
/// Turns attributed flows into ObservedTraffic objects, one per workload per node (entries merged by
/// peer, protocol and port with their processes and connection samples, through the same
/// <see cref="FlowAggregator"/> the file readers use), each kept within <see cref="TrafficLimits"/>
/// and labelled with its node and workload.
/// </summary>
public sealed class TrafficRecorder(TrafficLimits limits, TimeProvider? time = null)
{
    /// <summary>The label naming the node that observed the traffic.</summary>
    public const string NodeLabel = "policyoperator.io/node";

    /// <summary>The label naming the workload (its name; the kind is in the spec).</summary>
    public const string WorkloadLabel = "policyoperator.io/workload";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The limits each object is kept within.</summary>
    public TrafficLimits Limits => limits;

    /// <summary>The objects for <paramref name="flows"/>, sorted by namespace, workload and node.</summary>
    public IReadOnlyList<ObservedTraffic> Record(IEnumerable<AttributedFlow> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var aggregator = new FlowAggregator();
        foreach (var flow in flows)
        {
            aggregator.Add(flow);
        }

        var now = _time.GetUtcNow();
        return aggregator.Build()
            .Select(t => TrafficBounds.Apply(Labelled(t), limits, now))
            .ToList();
    }

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
    private static string LabelValue(string value)
    {
        var cleaned = new string([.. value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
        cleaned = cleaned.Length > 63 ? cleaned[..63] : cleaned;
        return cleaned.Trim('-', '_', '.');
    }
}
