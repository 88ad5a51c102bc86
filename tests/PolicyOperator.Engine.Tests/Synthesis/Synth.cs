using System.Text.Json;
using PolicyOperator.Api;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Runs the real synthesizer and picks results apart.</summary>
internal static class Synth
{
    public static SynthesisResult Run(IEnumerable<ObservedTraffic> traffic, ClusterInventory? inventory = null, SynthesisOptions? options = null) =>
        new PolicySynthesizer(options ?? SynthesisOptions.Default).Synthesize(traffic, inventory ?? ClusterInventory.Empty);

    public static NetworkPolicy Single(params ObservedTraffic[] traffic) => Run(traffic).Policies.Should1().Policy;

    public static SynthesizedPolicy Should1(this IReadOnlyList<SynthesizedPolicy> policies) =>
        policies.Count == 1 ? policies[0] : throw new InvalidOperationException($"expected one policy, got {policies.Count}");

    public static string Json(NetworkPolicy policy) => JsonSerializer.Serialize(policy, ApiJson.Options);

    /// <summary>The egress rules other than the DNS rule (which every egress policy has).</summary>
    public static IReadOnlyList<NetworkPolicyEgressRule> NonDnsEgress(NetworkPolicy policy) =>
        (policy.Spec.Egress ?? []).Where(r => !(r.Ports ?? []).Any(p => p.Port?.Number is 53 or 5353)).ToList();

    /// <summary>peer text -> ports, for compact assertions.</summary>
    public static IEnumerable<string> Flatten(IEnumerable<(IReadOnlyList<NetworkPolicyPeer>? Peers, IReadOnlyList<NetworkPolicyPort>? Ports)> rules) =>
        rules.SelectMany(r => (r.Peers ?? []).Select(p => $"{PeerText(p)} {string.Join(",", (r.Ports ?? []).Select(x => $"{x.Protocol}/{x.Port}"))}"));

    public static IEnumerable<string> Egress(NetworkPolicy policy) => Flatten((policy.Spec.Egress ?? []).Select(r => (r.To, r.Ports)));

    public static IEnumerable<string> Ingress(NetworkPolicy policy) => Flatten((policy.Spec.Ingress ?? []).Select(r => (r.From, r.Ports)));

    public static string PeerText(NetworkPolicyPeer peer) =>
        peer.IpBlock is { } block
            ? block.Cidr
            : $"ns[{Text(peer.NamespaceSelector)}] pods[{Text(peer.PodSelector)}]";

    private static string Text(Api.Meta.LabelSelector? selector) =>
        selector is null ? "-" : string.Join(",", (selector.MatchLabels ?? new Dictionary<string, string>()).Select(kv => $"{kv.Key}={kv.Value}"));
}
