using PolicyOperator.Observation.Recording;
using PolicyOperator.Runtime.Metrics;
using PolicyOperator.Sensor.Events;

namespace PolicyOperator.Agent;

/// <summary>
/// The agent's Prometheus metrics, refreshed after every reporting round: flows, drops per reason
/// (the sensor's counters), API writes, and attribution misses.
/// </summary>
public sealed class AgentMetrics
{
    private readonly Gauge _flows;
    private readonly Gauge _attributed;
    private readonly Gauge _objects;
    private readonly Gauge _unattributed;
    private readonly Counter _drops;
    private readonly Counter _cgroupMisses;
    private readonly Counter _writes;
    private readonly Counter _writeBytes;
    private readonly Counter _writeFailures;
    private readonly Counter _unchanged;
    private readonly Dictionary<(Counter, string), double> _reported = [];

    /// <summary>Registers the metrics in <paramref name="registry"/>.</summary>
    public AgentMetrics(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        _flows = registry.Gauge("policy_agent_flows", "Flows the sensor holds (cumulative since it started)");
        _attributed = registry.Gauge("policy_agent_flows_attributed", "Flows attributed to a workload and a peer");
        _objects = registry.Gauge("policy_agent_observed_traffic_objects", "ObservedTraffic objects this node reports");
        _unattributed = registry.Gauge("policy_agent_attribution_misses", "Flows whose local end is no known workload, by reason", "reason");
        _cgroupMisses = registry.Counter("policy_agent_cgroup_lookup_misses_total", "Cgroup ids that could not be resolved to a path");
        _drops = registry.Counter("policy_agent_sensor_drops_total", "What the sensor lost, by reason", "reason");
        _writes = registry.Counter("policy_agent_api_writes_total", "API requests writing ObservedTraffic (applies and status patches)");
        _writeBytes = registry.Counter("policy_agent_api_write_bytes_total", "Bytes of those requests");
        _writeFailures = registry.Counter("policy_agent_api_write_failures_total", "Reporting rounds whose write failed (written again next round)");
        _unchanged = registry.Counter("policy_agent_api_unchanged_total", "Objects not written because they had not changed");
    }

    /// <summary>The registry /metrics renders.</summary>
    public MetricsRegistry Registry { get; }

    /// <summary>Records a round and the counters behind it.</summary>
    public void Update(ObservationRound round, DropCounters drops, long cgroupMisses, long writes, long bytes, long failures, long unchanged)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(drops);
        _flows.Set(round.SensorFlows);
        _attributed.Set(round.Attribution.Flows.Count);
        _objects.Set(round.Traffic.Count);
        foreach (var (reason, count) in round.Attribution.Unattributed)
        {
            _unattributed.WithLabels(reason).Set(count);
        }

        Advance(_cgroupMisses, string.Empty, cgroupMisses);
        Advance(_drops, "flow_ring_buffer_full", drops.FlowRingBufferFull);
        Advance(_drops, "flow_map_full", drops.FlowMapFull);
        Advance(_drops, "flow_map_evictions", drops.FlowMapEvictions);
        Advance(_drops, "socket_map_full", drops.SocketMapFull);
        Advance(_drops, "untracked_closes", drops.UntrackedCloses);
        Advance(_drops, "dns_ring_buffer_full", drops.DnsRingBufferFull);
        Advance(_drops, "dns_truncated", drops.DnsTruncated);
        Advance(_drops, "malformed_records", drops.MalformedRecords);
        Advance(_drops, "dns_parse_errors", drops.DnsParseErrors);
        Advance(_drops, "dns_queries_dropped", drops.DnsQueriesDropped);
        Advance(_writes, string.Empty, writes);
        Advance(_writeBytes, string.Empty, bytes);
        Advance(_writeFailures, string.Empty, failures);
        Advance(_unchanged, string.Empty, unchanged);
    }

    // The sources keep totals; a counter moves by what they grew since the last round.
    private void Advance(Counter counter, string label, double total)
    {
        var last = _reported.GetValueOrDefault((counter, label));
        var cell = label.Length > 0 ? counter.WithLabels(label) : counter.WithLabels(); // shown at 0 too
        if (total > last)
        {
            cell.Inc(total - last);
            _reported[(counter, label)] = total;
        }
    }
}
