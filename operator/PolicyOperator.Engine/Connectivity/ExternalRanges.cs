using System.Net.Sockets;
using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Engine.Connectivity;

/// <summary>
/// Splits the address space into the ranges a set of ipBlocks (cidr and except) treats alike, as
/// np-guard does: each range is one external peer. np-guard splits sources by the ingress rules' blocks
/// and destinations by the egress rules' blocks. IPv4 always; IPv6 only when a block is IPv6.
/// </summary>
public static class ExternalRanges
{
    /// <summary>The disjoint ranges, in address order, IPv4 first.</summary>
    public static IReadOnlyList<IpRange> Split(IEnumerable<IpRange> blocks)
    {
        var ranges = blocks.ToList();
        var result = new List<IpRange>(Atoms(IpRange.AllIPv4, ranges.Where(r => r.Family == AddressFamily.InterNetwork)));
        var v6 = ranges.Where(r => r.Family == AddressFamily.InterNetworkV6).ToList();
        if (v6.Count > 0)
        {
            result.AddRange(Atoms(IpRange.AllIPv6, v6));
        }

        return result;
    }

    private static IEnumerable<IpRange> Atoms(IpRange universe, IEnumerable<IpRange> ranges)
    {
        // Cut points: where a range starts, and just after where one ends.
        var cuts = new SortedSet<UInt128> { universe.Start };
        foreach (var range in ranges)
        {
            cuts.Add(range.Start);
            if (range.End < universe.End)
            {
                cuts.Add(range.End + 1);
            }
        }

        var starts = cuts.ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] - 1 : universe.End;
            yield return new IpRange(universe.Family, starts[i], end);
        }
    }
}
