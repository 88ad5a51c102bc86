using System.Text.Json;
using PolicyOperator.Api;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Addressing;
using PolicyOperator.Ingest.Traffic;

namespace PolicyOperator.Observation.Recording;

/// <summary>
/// Keeps one ObservedTraffic within <see cref="TrafficLimits"/>, losing as little as it can and
/// recording what it did in the status: external addresses that share a prefix grouped into ever
/// wider CIDRs (/24, /16, /8, then /0; IPv6 /64, /48, /32, /0) and their entries merged, until at
/// most <see cref="TrafficLimits.MaxExternalPeers"/> remain; processes cut to the most active;
/// then, only if the object is still too large, samples, then the entries with the fewest
/// connections (counted in <see cref="ObservedTrafficStatus.DroppedEntries"/> with a condition).
/// Pure: the same input gives the same output.
/// </summary>
public static class TrafficBounds
{
    /// <summary>The condition type set when entries had to be dropped.</summary>
    public const string TruncatedCondition = "Truncated";

    private static readonly int[] IPv4Prefixes = [24, 16, 8, 0];
    private static readonly int[] IPv6Prefixes = [64, 48, 32, 0];

    /// <summary>Bounds <paramref name="traffic"/>; <paramref name="now"/> stamps a condition if one is set.</summary>
    public static ObservedTraffic Apply(ObservedTraffic traffic, TrafficLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(limits);
        var counts = new BoundCounts();
        var spec = traffic.Spec with
        {
            Ingress = Bound(traffic.Spec.Ingress, limits, counts),
            Egress = Bound(traffic.Spec.Egress, limits, counts),
        };
        var bounded = traffic with { Spec = spec };
        if (Size(bounded) > limits.MaxBytes)
        {
            bounded = bounded with { Spec = Map(bounded.Spec, e => e with { Samples = [] }) };
        }

        if (Size(bounded) > limits.MaxBytes)
        {
            bounded = bounded with { Spec = Map(bounded.Spec, e => e with { Processes = [.. e.Processes.Take(1)] }) };
        }

        while (Size(bounded) > limits.MaxBytes && bounded.Spec.Ingress.Count + bounded.Spec.Egress.Count > 0)
        {
            bounded = bounded with { Spec = DropSmallest(bounded.Spec, counts) };
        }

        var status = traffic.Status ?? new ObservedTrafficStatus();
        var conditions = status.Conditions.Where(c => c.Type != TruncatedCondition).ToList();
        if (counts.Dropped > 0)
        {
            conditions.Add(new Condition
            {
                Type = TruncatedCondition,
                Status = "True",
                Reason = "SizeLimit",
                Message = $"{counts.Dropped} entries with the fewest connections did not fit in {limits.MaxEntries} entries per direction or {limits.MaxBytes} bytes",
                LastTransitionTime = now,
            });
        }

        return bounded with
        {
            Status = status with
            {
                MergedEntries = status.MergedEntries + counts.Merged,
                GroupedAddresses = status.GroupedAddresses + counts.Grouped,
                DroppedEntries = status.DroppedEntries + counts.Dropped,
                Conditions = conditions,
            },
        };
    }

    /// <summary>The object's size as the API server stores it (JSON).</summary>
    public static int Size(ObservedTraffic traffic) => JsonSerializer.SerializeToUtf8Bytes(traffic, ApiJson.Options).Length;

    private static List<TrafficEntry> Bound(IReadOnlyList<TrafficEntry> entries, TrafficLimits limits, BoundCounts counts)
    {
        var result = GroupExternal([.. entries], limits, counts)
            .Select(e => e with
            {
                Processes = [.. e.Processes.OrderByDescending(p => p.Count ?? 0).ThenBy(p => p.Comm, StringComparer.Ordinal).Take(limits.MaxProcesses)],
                Peer = e.Peer.External is { } x && x.DnsNames.Count > limits.MaxDnsNames
                    ? e.Peer with { External = x with { DnsNames = [.. x.DnsNames.Take(limits.MaxDnsNames)] } }
                    : e.Peer,
            })
            .ToList();
        if (result.Count > limits.MaxEntries)
        {
            counts.Dropped += result.Count - limits.MaxEntries;
            var kept = result.OrderByDescending(e => e.Connections).Take(limits.MaxEntries).ToHashSet();
            result = result.Where(kept.Contains).ToList();
        }

        return result;
    }

    private static List<TrafficEntry> GroupExternal(List<TrafficEntry> entries, TrafficLimits limits, BoundCounts counts)
    {
        for (var step = 0; step < IPv4Prefixes.Length; step++)
        {
            var external = entries.Where(IsExternal).Select(e => e.Peer.External!.Cidr).Distinct(StringComparer.Ordinal).Count();
            if (external <= limits.MaxExternalPeers)
            {
                break;
            }

            var groups = entries
                .GroupBy(e => IsExternal(e) ? (Widen(e.Peer.External!.Cidr, IPv4Prefixes[step], IPv6Prefixes[step]), e.Protocol, e.Port, e.ServicePort) : (null, e.Protocol, e.Port, e.ServicePort))
                .ToList();
            var next = new List<TrafficEntry>();
            foreach (var group in groups)
            {
                if (group.Key.Item1 is not { } cidr)
                {
                    next.AddRange(group);
                    continue;
                }

                var members = group.ToList();
                if (members.Select(m => m.Peer.External!.Cidr).Distinct(StringComparer.Ordinal).Count() < 2)
                {
                    next.AddRange(members); // nothing shares this prefix: the address stays exact
                    continue;
                }

                counts.Grouped += members.Where(m => m.Peer.External!.Cidr != cidr).Sum(m => m.Peer.External!.Addresses);
                counts.Merged += members.Count - 1;
                next.Add(Merge(members, cidr));
            }

            entries = next;
        }

        return entries;
    }

    private static TrafficEntry Merge(List<TrafficEntry> members, string cidr)
    {
        var first = members[0];
        return first with
        {
            Peer = first.Peer with
            {
                External = new ExternalPeer
                {
                    Cidr = cidr,
                    DnsNames = [.. members.SelectMany(m => m.Peer.External!.DnsNames).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    Addresses = members.Sum(m => m.Peer.External!.Addresses),
                },
            },
            Connections = members.Sum(m => m.Connections),
            BytesSent = members.Sum(m => m.BytesSent),
            BytesReceived = members.Sum(m => m.BytesReceived),
            FirstSeen = members.Min(m => m.FirstSeen),
            LastSeen = members.Max(m => m.LastSeen),
            Processes = [.. members.SelectMany(m => m.Processes)
                .GroupBy(p => (p.Comm, p.Container, p.Pod))
                .Select(g => g.First() with { Count = g.Sum(p => p.Count ?? 0) })],
            Samples = [.. members.SelectMany(m => m.Samples).OrderBy(s => s.Time).Take(FlowAggregator.MaxSamplesPerEntry)],
        };
    }

    private static bool IsExternal(TrafficEntry entry) => entry.Peer.Type == PeerType.External && entry.Peer.External is not null;

    private static string Widen(string cidr, int ipv4Prefix, int ipv6Prefix)
    {
        if (!CanonicalCidr.TryParse(cidr, out var parsed))
        {
            return cidr;
        }

        var prefix = parsed.Value.IsIPv6 ? ipv6Prefix : ipv4Prefix;
        return prefix < parsed.Value.PrefixLength ? parsed.Value.Widen(prefix).ToString() : cidr;
    }

    private static ObservedTrafficSpec Map(ObservedTrafficSpec spec, Func<TrafficEntry, TrafficEntry> map) =>
        spec with { Ingress = [.. spec.Ingress.Select(map)], Egress = [.. spec.Egress.Select(map)] };

    private static ObservedTrafficSpec DropSmallest(ObservedTrafficSpec spec, BoundCounts counts)
    {
        var all = spec.Ingress.Concat(spec.Egress).OrderBy(e => e.Connections).ToList();
        var drop = all.Take(Math.Max(1, all.Count / 10)).ToHashSet();
        counts.Dropped += drop.Count;
        return spec with { Ingress = [.. spec.Ingress.Where(e => !drop.Contains(e))], Egress = [.. spec.Egress.Where(e => !drop.Contains(e))] };
    }

    private sealed class BoundCounts
    {
        public long Merged { get; set; }

        public long Grouped { get; set; }

        public long Dropped { get; set; }
    }
}
