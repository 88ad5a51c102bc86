using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Engine.Cilium;

/// <summary>
/// Writes a synthesized policy as a <c>cilium.io/v2 CiliumNetworkPolicy</c>: pod peers as endpoint selectors
/// (namespace as <c>k8s:io.kubernetes.pod.namespace</c>), addresses as CIDR sets, external addresses that
/// were reached by DNS names as <c>toFQDNs</c> (matchName), and the DNS rule to the resolver with the DNS
/// proxy rule (<c>rules.dns matchPattern "*"</c>) that FQDN policies need. Pure; returns JSON.
/// </summary>
public static class CiliumPolicyBuilder
{
    public const string ApiVersion = "cilium.io/v2";
    public const string Kind = "CiliumNetworkPolicy";
    private const string NamespaceLabel = "k8s:io.kubernetes.pod.namespace";

    /// <summary>True when <paramref name="policy"/> is a CiliumNetworkPolicy (as a proposal carries one beside its NetworkPolicy).</summary>
    public static bool IsCiliumPolicy(JsonObject policy) =>
        policy["kind"]?.GetValue<string>() == Kind;

    public static JsonObject Build(SynthesizedPolicy synthesized)
    {
        var policy = synthesized.Policy;
        var spec = new JsonObject { ["endpointSelector"] = Selector(policy.Spec.PodSelector) };
        var ingress = (policy.Spec.Ingress ?? []).SelectMany(r => Rules(r.From ?? [], r.Ports, "from", synthesized, isEgress: false)).ToList();
        var egress = (policy.Spec.Egress ?? []).SelectMany(r => Rules(r.To ?? [], r.Ports, "to", synthesized, isEgress: true)).ToList();
        var types = policy.Spec.PolicyTypes ?? [];

        // An isolated direction without rules is written as one empty rule: Cilium's "deny all" for it.
        if (types.Contains("Ingress"))
        {
            spec["ingress"] = new JsonArray([.. ingress.Count > 0 ? ingress : [new JsonObject()]]);
        }

        if (types.Contains("Egress"))
        {
            spec["egress"] = new JsonArray([.. egress.Count > 0 ? egress : [new JsonObject()]]);
        }

        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = JsonSerializer.SerializeToNode(policy.Metadata, ApiJson.Options),
            ["spec"] = spec,
        };
    }

    private static IEnumerable<JsonObject> Rules(IReadOnlyList<NetworkPolicyPeer> peers, IReadOnlyList<NetworkPolicyPort>? ports, string prefix, SynthesizedPolicy synthesized, bool isEgress)
    {
        var endpoints = new JsonArray();
        var dnsEndpoints = new JsonArray();
        var dnsCidrs = new JsonArray();
        var cidrs = new JsonArray();
        var fqdns = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var peer in peers)
        {
            var isDns = isEgress && synthesized.DnsPeers.Contains(peer);
            if (peer.IpBlock is { } block)
            {
                if (isEgress && synthesized.ExternalDnsNames.TryGetValue(block.Cidr, out var names) && names.Count > 0)
                {
                    fqdns.UnionWith(names);
                }
                else
                {
                    (isDns ? dnsCidrs : cidrs).Add(CidrRule(block));
                }
            }
            else
            {
                (isDns ? dnsEndpoints : endpoints).Add(Endpoint(peer, synthesized.Policy.Metadata.Namespace ?? "default"));
            }
        }

        var toPorts = ToPorts(ports, dns: false);
        if (endpoints.Count > 0)
        {
            yield return Rule($"{prefix}Endpoints", endpoints, toPorts);
        }

        if (cidrs.Count > 0)
        {
            yield return Rule($"{prefix}CIDRSet", cidrs, toPorts);
        }

        if (fqdns.Count > 0)
        {
            yield return Rule("toFQDNs", new JsonArray([.. fqdns.Select(n => new JsonObject { ["matchName"] = n })]), toPorts);
        }

        if (dnsEndpoints.Count > 0)
        {
            yield return Rule("toEndpoints", dnsEndpoints, ToPorts(ports, dns: true));
        }

        if (dnsCidrs.Count > 0)
        {
            yield return Rule("toCIDRSet", dnsCidrs, ToPorts(ports, dns: true));
        }
    }

    private static JsonObject Rule(string peersKey, JsonArray peers, JsonArray? toPorts)
    {
        var rule = new JsonObject { [peersKey] = peers };
        if (toPorts is not null)
        {
            rule["toPorts"] = toPorts;
        }

        return rule;
    }

    private static JsonArray? ToPorts(IReadOnlyList<NetworkPolicyPort>? ports, bool dns)
    {
        if (ports is not { Count: > 0 })
        {
            return null;
        }

        var entry = new JsonObject
        {
            ["ports"] = new JsonArray([.. ports.Select(p => new JsonObject
            {
                ["port"] = p.Port?.ToString() ?? "0",
                ["protocol"] = p.Protocol ?? "TCP",
            })]),
        };
        if (dns)
        {
            // The DNS proxy sees every lookup, so that toFQDNs rules learn the addresses names resolve to.
            entry["rules"] = new JsonObject { ["dns"] = new JsonArray(new JsonObject { ["matchPattern"] = "*" }) };
        }

        return [entry];
    }

    private static JsonObject CidrRule(IPBlock block)
    {
        var rule = new JsonObject { ["cidr"] = block.Cidr };
        if (block.Except is { Count: > 0 } except)
        {
            rule["except"] = new JsonArray([.. except.Select(e => JsonValue.Create(e))]);
        }

        return rule;
    }

    private static JsonObject Endpoint(NetworkPolicyPeer peer, string policyNamespace)
    {
        var selector = Selector(peer.PodSelector ?? new LabelSelector());
        var labels = selector["matchLabels"] as JsonObject ?? [];
        var ns = peer.NamespaceSelector?.MatchLabels?.GetValueOrDefault(Namespace.NameLabel) ?? (peer.NamespaceSelector is null ? policyNamespace : null);
        if (ns is not null)
        {
            labels[NamespaceLabel] = ns;
        }

        selector["matchLabels"] = labels;
        return selector;
    }

    private static JsonObject Selector(LabelSelector selector)
    {
        var node = JsonSerializer.SerializeToNode(selector, ApiJson.Options)?.AsObject() ?? [];
        return node.Count > 0 ? node : [];
    }
}
