using System.Net;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Traffic;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Dns;

namespace PolicyOperator.Observation.Attribution;

/// <summary>
/// Attributes the sensor's flows: each flow's local end (<see cref="LocalAttributor"/>) and remote end
/// (<see cref="RemoteAttributor"/>). A flow attributed once keeps its attribution while the sensor
/// reports it, so that a pod deleted (or an IP reused) later does not change what was seen.
/// </summary>
public sealed class FlowAttributor(LocalAttributor local, string node)
{
    private readonly Dictionary<FlowKey, (LocalEndpoint Local, RemoteEndpoint Remote)> _known = [];

    /// <summary>The node the flows were seen on.</summary>
    public string Node => node;

    /// <summary>Attributes <paramref name="flows"/> (cumulative records) against <paramref name="inventory"/> (null: standalone naming).</summary>
    public AttributionResult Attribute(IReadOnlyList<FlowRecord> flows, InventorySnapshot? inventory)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var locals = new Dictionary<FlowKey, LocalEndpoint>();
        var addresses = new Dictionary<IPAddress, LocalEndpoint>();
        foreach (var flow in flows)
        {
            LocalEndpoint endpoint;
            if (_known.TryGetValue(flow.Key, out var known))
            {
                endpoint = known.Local;
            }
            else
            {
                endpoint = local.Attribute(flow, inventory);
                locals[flow.Key] = endpoint;
            }

            if (endpoint.Workload is not null && !IPAddress.IsLoopback(flow.Key.LocalAddress))
            {
                addresses.TryAdd(Unmapped(flow.Key.LocalAddress), endpoint);
            }
        }

        var attributed = new List<AttributedFlow>(flows.Count);
        var unattributed = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long ignored = 0;
        var live = new HashSet<FlowKey>();
        foreach (var flow in flows)
        {
            live.Add(flow.Key);
            if (!_known.TryGetValue(flow.Key, out var known))
            {
                var endpoint = locals[flow.Key];
                if (endpoint.Workload is null)
                {
                    if (endpoint.Kind == LocalEndpointKind.NodeProcess)
                    {
                        ignored++;
                    }
                    else
                    {
                        var reason = endpoint.Reason ?? "unknown";
                        unattributed[reason] = unattributed.GetValueOrDefault(reason) + 1;
                    }

                    continue;
                }

                if (RemoteAttributor.Attribute(flow, node, inventory, addresses) is not { } remote)
                {
                    ignored++;
                    continue;
                }

                // A pod not yet known is tried again next time; a known one is settled.
                known = (endpoint, remote);
                _known[flow.Key] = known;
            }

            attributed.Add(ToAttributed(flow, known.Local, known.Remote));
        }

        // Forget flows the sensor no longer reports: the cache stays as large as the sensor's table.
        foreach (var gone in _known.Keys.Where(k => !live.Contains(k)).ToList())
        {
            _known.Remove(gone);
        }

        return new AttributionResult(attributed, unattributed, ignored);
    }

    /// <summary>
    /// Attributes DNS questions to the workload that asked them; those of the node's own processes
    /// and of cgroups not found are left out (the flows' misses say why).
    /// </summary>
    public IReadOnlyList<AttributedDnsQuery> AttributeDns(IReadOnlyList<DnsQueryTally> queries, InventorySnapshot? inventory)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var attributed = new List<AttributedDnsQuery>(queries.Count);
        foreach (var query in queries)
        {
            // A DNS message carries no command, so the node's own processes (named by command in
            // standalone mode) are left out with the cluster's node processes.
            var endpoint = local.Attribute(query.CgroupId, query.NetnsInode, string.Empty, inventory);
            if (endpoint.Workload is not null && endpoint.Kind != LocalEndpointKind.NodeProcess)
            {
                attributed.Add(new AttributedDnsQuery(node, endpoint, query));
            }
        }

        return attributed;
    }

    private AttributedFlow ToAttributed(FlowRecord flow, LocalEndpoint localEnd, RemoteEndpoint remote)
    {
        var egress = flow.Key.Direction == FlowDirection.Egress;
        var localAddress = Unmapped(flow.Key.LocalAddress).ToString();
        var remoteAddress = Unmapped(flow.Key.RemoteAddress).ToString();
        return new AttributedFlow(
            node,
            localEnd.Workload!,
            egress ? TrafficDirection.Egress : TrafficDirection.Ingress,
            remote.Peer,
            RemoteAttributor.ProtocolName(flow.Key.Protocol),
            remote.Port,
            remote.ServicePort,
            null)
        {
            Counts = new FlowCounts(Math.Max(1, (long)flow.Connections), (long)flow.BytesSent, (long)flow.BytesReceived, flow.FirstSeen, flow.LastSeen),
            Process = new ProcessReference
            {
                Comm = flow.Comm.Length > 0 ? flow.Comm : "unknown",
                Pod = localEnd.Pod,
                Container = localEnd.Container,
                Pid = flow.Pid > 0 ? flow.Pid : null,
            },

            // The sensor folds a flow's connections by service port, so the client's ephemeral port is
            // not known (0); addresses, the port dialled and the time join the two ends.
            Sample = new ConnectionSample
            {
                SourceIp = egress ? localAddress : remoteAddress,
                SourcePort = 0,
                DestinationIp = egress ? remoteAddress : localAddress,
                DestinationPort = flow.Key.Port,
                OriginalDestinationIp = null,
                Time = flow.FirstSeen,
            },
        };
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
