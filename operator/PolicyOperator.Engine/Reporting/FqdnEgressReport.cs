namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Suggested egress rules from the outside names actually used: per workload, the external-scope DNS
/// names of the outside endpoints it opened connections to (names only asked for are not used), grouped
/// by port set. Ready for a Cilium <c>toFQDNs</c> policy (<see cref="Export.CiliumFqdnPolicies"/>) or a
/// firewall allow-list (<see cref="Export.AllowListWriter"/>). Endpoints reached without a name are listed as CIDRs.
/// </summary>
public static class FqdnEgressReport
{
    public static IReadOnlyList<FqdnEgressSuggestion> Build(ReportInput input)
    {
        var selectors = input.Traffic
            .Where(t => t.Spec.Workload.Selector is { IsEmpty: false })
            .GroupBy(t => TrafficEdges.Self(t.Spec).Key)
            .ToDictionary(g => g.Key, g => g.First().Spec.Workload.Selector);

        return [.. input.Edges
            .Where(e => e.Source.Kind == EndpointKind.Workload && e.Destination.Kind == EndpointKind.External)
            .GroupBy(e => e.Source.Key)
            .Select(g =>
            {
                var portsByName = new SortedDictionary<string, SortedSet<PortProtocol>>(StringComparer.Ordinal);
                var unnamed = new SortedDictionary<string, SortedSet<PortProtocol>>(StringComparer.Ordinal);
                foreach (var edge in g)
                {
                    var port = new PortProtocol(edge.Protocol, edge.Port);
                    var names = edge.Destination.DnsNames.Where(n => input.Names.Classify(n) == NameScope.External).ToList();
                    foreach (var name in names)
                    {
                        Set(portsByName, name).Add(port);
                    }

                    if (names.Count == 0)
                    {
                        foreach (var cidr in edge.Destination.Addresses)
                        {
                            Set(unnamed, cidr).Add(port);
                        }
                    }
                }

                var rules = portsByName
                    .GroupBy(n => string.Join(",", n.Value), StringComparer.Ordinal)
                    .Select(p => new FqdnRule([.. p.Select(n => n.Key)], [.. p.First().Value]))
                    .OrderBy(r => r.Names[0], StringComparer.Ordinal);
                return new FqdnEgressSuggestion(
                    g.First().Source,
                    selectors.GetValueOrDefault(g.Key),
                    [.. rules],
                    [.. unnamed.Select(u => new CidrRule(u.Key, [.. u.Value]))]);
            })
            .OrderBy(s => s.Workload.ToString(), StringComparer.Ordinal)];
    }

    private static SortedSet<PortProtocol> Set(SortedDictionary<string, SortedSet<PortProtocol>> sets, string key)
    {
        if (!sets.TryGetValue(key, out var set))
        {
            sets[key] = set = new SortedSet<PortProtocol>(Comparer<PortProtocol>.Create((a, b) =>
            {
                var byProtocol = string.CompareOrdinal(a.Protocol, b.Protocol);
                return byProtocol != 0 ? byProtocol : a.Port.CompareTo(b.Port);
            }));
        }

        return set;
    }
}
