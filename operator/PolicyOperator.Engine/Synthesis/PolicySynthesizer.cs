using System.Text.Json;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Synthesis;

/// <summary>
/// Turns observed traffic into one least-privilege NetworkPolicy per workload, following the design's
/// synthesis rules. Pure: the same traffic (in any order) and inventory give equal policies.
/// </summary>
public sealed class PolicySynthesizer(SynthesisOptions options)
{
    private static readonly HashSet<string> Protocols = new(StringComparer.Ordinal) { "TCP", "UDP", "SCTP" };

    // One-port lists are shared: entries repeat the same few ports many times.
    private readonly Dictionary<PortKey, PortKey[]> _singlePorts = [];

    public PolicySynthesizer()
        : this(SynthesisOptions.Default)
    {
    }

    /// <summary>Merges the traffic per workload (across nodes and windows) and builds each workload's policy.</summary>
    public SynthesisResult Synthesize(IEnumerable<ObservedTraffic> traffic, ClusterInventory inventory)
    {
        var all = traffic as IReadOnlyCollection<ObservedTraffic> ?? traffic.ToList();
        var index = new InventoryIndex(inventory, options.ExtraVolatileLabels);
        var translator = new PeerTranslator(index, new ServiceIndex(index), options.ExtraVolatileLabels, KnownSelectors(all));
        var dns = DnsEgress.Resolve(options.Dns, inventory);
        var mirrored = TrafficMirror.Mirror(all, w => translator.SelectorOf(w) is { } selector ? PolicyPeers.SelectorText(PolicyPeers.Canonical(selector)) : null);
        var findings = new List<SynthesisFinding>();
        var policies = new List<SynthesizedPolicy>();

        var byWorkload = all
            .GroupBy(t => (t.Spec.Workload.Namespace, t.Spec.Workload.Kind, t.Spec.Workload.Name))
            .OrderBy(g => g.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Kind, StringComparer.Ordinal);
        foreach (var group in byWorkload)
        {
            var observations = group
                .OrderBy(t => t.Spec.Node, StringComparer.Ordinal)
                .ThenBy(t => t.Spec.Window.Start)
                .ToList();
            var implied = mirrored.GetValueOrDefault(new WorkloadKey(group.Key.Namespace, group.Key.Kind, group.Key.Name)) ?? [];
            if (Build(observations, implied, translator, dns, findings) is { } policy)
            {
                policies.Add(policy);
            }
        }

        return new SynthesisResult
        {
            Policies = policies.OrderBy(p => p.Policy.Metadata.Namespace, StringComparer.Ordinal).ThenBy(p => p.Policy.Metadata.Name, StringComparer.Ordinal).ToList(),
            Findings = findings,
        };
    }

    /// <summary>
    /// The selector each workload is known by anywhere in the traffic (as the observed workload or as a
    /// peer), so that a flow that lacked labels for a peer still finds the peer's selector from another.
    /// </summary>
    private static Dictionary<(string Namespace, string Kind, string Name), LabelSelector> KnownSelectors(IEnumerable<ObservedTraffic> traffic)
    {
        var known = new Dictionary<(string, string, string), LabelSelector>();
        void Add(WorkloadReference? w)
        {
            if (w?.Selector is { IsEmpty: false } selector)
            {
                known.TryAdd((w.Namespace, w.Kind, w.Name), selector);
            }
        }

        foreach (var t in traffic.OrderBy(t => t.Spec.Node, StringComparer.Ordinal).ThenBy(t => t.Spec.Window.Start))
        {
            Add(t.Spec.Workload);
            foreach (var entry in t.Spec.Ingress.Concat(t.Spec.Egress))
            {
                Add(entry.Peer.Workload);
            }
        }

        return known;
    }

    private SynthesizedPolicy? Build(
        List<ObservedTraffic> observations,
        List<(TrafficDirection Direction, TrafficEntry Entry, string Node)> implied,
        PeerTranslator translator,
        DnsEgress dns,
        List<SynthesisFinding> findings)
    {
        var workload = observations.Select(o => o.Spec.Workload).FirstOrDefault(w => w.Selector is not null) ?? observations[0].Spec.Workload;
        var subject = PeerTranslator.Describe(workload);
        if (observations.Any(o => o.Spec.Workload.HostNetwork))
        {
            findings.Add(new(subject, "host-network workload: NetworkPolicy does not apply to its pods; no policy written"));
            return null;
        }

        if (translator.SelectorOf(workload) is not { } selector)
        {
            findings.Add(new(subject, "no stable label selects this workload's pods; no policy written rather than one with an empty podSelector"));
            return null;
        }

        var ingress = new DirectionRules(TrafficDirection.Ingress, options);
        var egress = new DirectionRules(TrafficDirection.Egress, options);
        foreach (var observation in observations)
        {
            Collect(observation.Spec.Ingress, TrafficDirection.Ingress, ingress, observation.Spec.Node, subject, translator, findings);
            Collect(observation.Spec.Egress, TrafficDirection.Egress, egress, observation.Spec.Node, subject, translator, findings);
        }

        // What the peers saw of this workload, so that a connection seen on one side only is allowed on both.
        foreach (var (direction, entry, node) in implied)
        {
            Collect([entry], direction, direction == TrafficDirection.Ingress ? ingress : egress, node, subject, translator, findings);
        }

        var isolateIngress = Isolate(ingress, subject, findings);
        var isolateEgress = Isolate(egress, subject, findings);
        if (!isolateIngress && !isolateEgress)
        {
            findings.Add(new(subject, "no traffic in either direction; no policy written"));
            return null;
        }

        if (isolateEgress)
        {
            foreach (var peer in dns.Peers)
            {
                egress.Add(peer, dns.Ports, null, null, "cluster DNS", $"DNS egress ({dns.Strategy}) is always allowed when egress is restricted");
            }
        }

        var ingressRules = isolateIngress ? ingress.Build() : null;
        var egressRules = isolateEgress ? egress.Build() : null;
        var dnsNames = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (cidr, names) in new[] { ingressRules, egressRules }.SelectMany(r => r?.ExternalDnsNames ?? Enumerable.Empty<KeyValuePair<string, IReadOnlyList<string>>>()))
        {
            dnsNames[cidr] = dnsNames.TryGetValue(cidr, out var known) ? known.Union(names).Order(StringComparer.Ordinal).ToList() : names;
        }

        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [PolicyNaming.WorkloadAnnotation] = $"{workload.Kind}/{workload.Name}" };
        if (dnsNames.Count > 0)
        {
            annotations[PolicyNaming.DnsNamesAnnotation] = JsonSerializer.Serialize(dnsNames, SynthesisJsonContext.Default.SortedDictionaryStringIReadOnlyListString);
        }

        var policy = new NetworkPolicy
        {
            Metadata = new ObjectMeta
            {
                Name = PolicyNaming.PolicyName(workload),
                Namespace = workload.Namespace,
                Labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [PolicyNaming.ManagedByLabel] = PolicyNaming.ManagedByValue },
                Annotations = annotations,
            },
            Spec = new NetworkPolicySpec
            {
                PodSelector = PolicyPeers.Canonical(selector),
                PolicyTypes = [.. isolateIngress ? ["Ingress"] : Array.Empty<string>(), .. isolateEgress ? ["Egress"] : Array.Empty<string>()],
                Ingress = ingressRules is { Rules.Count: > 0 } ? ingressRules.Rules.Select(r => new NetworkPolicyIngressRule { From = r.Peers, Ports = r.Ports }).ToList() : null,
                Egress = egressRules is { Rules.Count: > 0 } ? egressRules.Rules.Select(r => new NetworkPolicyEgressRule { To = r.Peers, Ports = r.Ports }).ToList() : null,
            },
        };
        return new SynthesizedPolicy
        {
            Workload = workload with { Selector = policy.Spec.PodSelector },
            Policy = policy,
            Evidence = [.. ingressRules?.Evidence ?? [], .. egressRules?.Evidence ?? []],
            ExternalDnsNames = dnsNames,
            DnsPeers = isolateEgress ? dns.Peers.Select(p => p.Peer).ToList() : [],
        };
    }

    private PortKey[] SinglePort(string protocol, int port)
    {
        var key = new PortKey(protocol, port);
        if (!_singlePorts.TryGetValue(key, out var ports))
        {
            _singlePorts[key] = ports = [key];
        }

        return ports;
    }

    private static string Where(string subject, TrafficDirection direction, TrafficEntry entry) =>
        $"{subject} {direction.ToString().ToLowerInvariant()} {entry.Protocol}/{entry.Port}";

    /// <summary>
    /// Isolate a direction when it has evidence (or always, when configured), but never when some of its
    /// traffic could not be resolved: the policy would deny traffic that was observed.
    /// </summary>
    private bool Isolate(DirectionRules rules, string subject, List<SynthesisFinding> findings)
    {
        if (rules.HasUnresolved)
        {
            findings.Add(new(subject, $"{rules.Direction.ToString().ToLowerInvariant()} left unrestricted: some of its traffic could not be resolved (see above)"));
            return false;
        }

        return options.PolicyTypes == PolicyTypesMode.Both || rules.HasEvidence;
    }

    private void Collect(
        IReadOnlyList<TrafficEntry> entries,
        TrafficDirection direction,
        DirectionRules rules,
        string node,
        string subject,
        PeerTranslator translator,
        List<SynthesisFinding> findings)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var protocol = entry.Protocol is "TCP" or "UDP" or "SCTP" ? entry.Protocol : entry.Protocol.ToUpperInvariant();
            if (!Protocols.Contains(protocol) || entry.Port is < 1 or > 65535)
            {
                // NetworkPolicy cannot express it (ICMP, port 0): no rule could allow it, so it does not
                // stop the direction from being isolated. Reported, never dropped silently.
                findings.Add(new(Where(subject, direction, entry), "protocol must be TCP, UDP or SCTP and port 1-65535 for a NetworkPolicy rule; entry not turned into a rule"));
                continue;
            }

            var port = translator.EnforcedPort(entry, protocol);
            var normalized = ReferenceEquals(protocol, entry.Protocol) && port == entry.Port ? entry : entry with { Protocol = protocol, Port = port };
            var translation = translator.Translate(entry.Peer, direction);
            if (translation.Problem is { } problem)
            {
                findings.Add(new($"{Where(subject, direction, entry)} {translation.Observed}", problem));
                rules.AddUnresolved();
                continue;
            }

            if (translation.ImplicitReason is { } reason)
            {
                rules.AddImplicit(normalized, node, translation.Observed, reason);
                continue;
            }

            var ports = options.IncludeServicePorts && entry.ServicePort is { } servicePort && servicePort != port
                ? [new PortKey(protocol, port), new PortKey(protocol, servicePort)]
                : SinglePort(protocol, port);
            for (var p = 0; p < translation.Peers.Count; p++)
            {
                rules.Add(translation.Peers[p], ports, normalized, node, translation.Observed);
            }
        }
    }
}
