using System.Globalization;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Engine.Addressing;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>Builds policy peers in their canonical form and the keys they sort and merge by.</summary>
internal static class PolicyPeers
{
    /// <summary>Pods matching <paramref name="podSelector"/> in the namespace named <paramref name="ns"/> (design rule 4: same peer).</summary>
    public static TranslatedPeer Pods(string ns, LabelSelector podSelector)
    {
        var canonical = Canonical(podSelector);
        var peer = new NetworkPolicyPeer
        {
            NamespaceSelector = new LabelSelector { MatchLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [Namespace.NameLabel] = ns } },
            PodSelector = canonical,
        };
        var selector = SelectorText(canonical);
        return new TranslatedPeer($"0|{ns}|{selector}", $"namespace={ns} pods={selector}", peer, null, []);
    }

    /// <summary>An ipBlock of one canonical CIDR, with the DNS names it was reached by.</summary>
    public static TranslatedPeer Block(CanonicalCidr cidr, IEnumerable<string> dnsNames)
    {
        var bytes = Convert.ToHexString(cidr.Network.GetAddressBytes());
        var key = string.Create(CultureInfo.InvariantCulture, $"1|{(cidr.IsIPv6 ? 6 : 4)}|{bytes}/{cidr.PrefixLength:D3}");
        var peer = new NetworkPolicyPeer { IpBlock = new IPBlock { Cidr = cidr.ToString() } };
        return new TranslatedPeer(key, cidr.ToString(), peer, cidr, dnsNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The selector with sorted labels and expressions (values sorted too).</summary>
    public static LabelSelector Canonical(LabelSelector selector) => new()
    {
        MatchLabels = selector.MatchLabels is { Count: > 0 } labels ? new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal) : null,
        MatchExpressions = selector.MatchExpressions is { Count: > 0 } expressions
            ? expressions
                .Select(e => e with { Values = e.Values?.Order(StringComparer.Ordinal).ToList() })
                .OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Operator, StringComparer.Ordinal)
                .ThenBy(e => string.Join(',', e.Values ?? []), StringComparer.Ordinal)
                .ToList()
            : null,
    };

    /// <summary>A selector in one line: <c>app=web,tier in (a,b)</c>.</summary>
    public static string SelectorText(LabelSelector selector)
    {
        var labels = (selector.MatchLabels ?? new Dictionary<string, string>())
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}");
        var expressions = (selector.MatchExpressions ?? []).Select(e => e.Values is { Count: > 0 } values
            ? $"{e.Key} {e.Operator.ToLowerInvariant()} ({string.Join(',', values)})"
            : $"{e.Operator.ToLowerInvariant()} {e.Key}");
        return string.Join(',', labels.Concat(expressions));
    }
}
