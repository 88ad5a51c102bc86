using System.Collections.Concurrent;
using PolicyOperator.Api.Networking;

namespace PolicyOperator.Engine.Evaluation;

/// <summary>
/// A set of NetworkPolicies, compiled and indexed once, then evaluated many times. Semantics of the
/// upstream API reference: a pod is isolated in a direction when any policy selecting it has that
/// policy type; then a connection is allowed when any rule of any of those policies allows it
/// (additive union); a connection needs both the source's egress and the destination's ingress.
/// Policies are indexed by namespace and by one matchLabels pair of their podSelector, so a flow
/// looks only at the policies that can select its pods. Thread-safe for reading.
/// </summary>
public sealed class PolicySet
{
    private readonly Dictionary<string, NamespacePolicies> _byNamespace = new(StringComparer.Ordinal);
    // Per pod object, the policies selecting it: flows reuse the same endpoint objects, so this is computed once per pod.
    // Held for the set's lifetime (a set lives for one verify or one reconcile).
    private readonly ConcurrentDictionary<PodEndpoint, CompiledPolicy[]> _selectingCache = new(ReferenceEqualityComparer.Instance);
    private readonly EvaluationOptions _options;
    private readonly Func<PodEndpoint, CompiledPolicy[]> _select;

    /// <summary>Compiles and indexes policies.</summary>
    /// <exception cref="InvalidPolicyException">A policy is invalid.</exception>
    public PolicySet(IEnumerable<NetworkPolicy> policies, EvaluationOptions? options = null)
        : this(policies.Select(CompiledPolicy.Compile), options)
    {
    }

    /// <summary>Indexes policies compiled already.</summary>
    public PolicySet(IEnumerable<CompiledPolicy> policies, EvaluationOptions? options = null)
    {
        _options = options ?? EvaluationOptions.Default;
        _select = Select;
        var all = new List<CompiledPolicy>();
        foreach (var policy in policies)
        {
            all.Add(policy);
            if (!_byNamespace.TryGetValue(policy.Namespace, out var ns))
            {
                _byNamespace[policy.Namespace] = ns = new NamespacePolicies();
            }

            ns.Add(policy);
        }

        Policies = all;
    }

    public IReadOnlyList<CompiledPolicy> Policies { get; }

    /// <summary>The policies that select a pod (none for a host-network pod), in input order.</summary>
    public IReadOnlyList<CompiledPolicy> PoliciesSelecting(PodEndpoint pod) => Selecting(pod);

    /// <summary>
    /// True when the flow is allowed: <see cref="Evaluate"/> without the verdict's details, allocating
    /// nothing (the replay of millions of flows calls this, and <see cref="Evaluate"/> only for denied ones).
    /// </summary>
    public bool IsAllowed(Flow flow)
    {
        if (flow.Source.IsPolicyPod && !SideAllows(Selecting(flow.Source.Pod!), egress: true, flow.Destination, flow))
        {
            return false;
        }

        return !flow.Destination.IsPolicyPod
            || SideAllows(Selecting(flow.Destination.Pod!), egress: false, flow.Source, flow)
            || IsOwnNode(flow.Source, flow.Destination.Pod!);
    }

    /// <summary>Evaluates one flow.</summary>
    public FlowVerdict Evaluate(Flow flow)
    {
        var egressIsolated = false;
        List<string>? egressBy = null;
        if (flow.Source.IsPolicyPod)
        {
            foreach (var policy in Selecting(flow.Source.Pod!))
            {
                if (!policy.IsolatesEgress)
                {
                    continue;
                }

                egressIsolated = true;
                if (AnyRuleAllows(policy.EgressRules, flow.Destination, flow))
                {
                    (egressBy ??= []).Add(policy.Key);
                }
            }
        }

        var ingressIsolated = false;
        List<string>? ingressBy = null;
        var ownNode = false;
        if (flow.Destination.IsPolicyPod)
        {
            foreach (var policy in Selecting(flow.Destination.Pod!))
            {
                if (!policy.IsolatesIngress)
                {
                    continue;
                }

                ingressIsolated = true;
                if (AnyRuleAllows(policy.IngressRules, flow.Source, flow))
                {
                    (ingressBy ??= []).Add(policy.Key);
                }
            }

            ownNode = ingressIsolated && ingressBy is null && IsOwnNode(flow.Source, flow.Destination.Pod!);
        }

        return new FlowVerdict
        {
            EgressIsolated = egressIsolated,
            IngressIsolated = ingressIsolated,
            AllowedByEgress = egressBy ?? [],
            AllowedByIngress = ingressBy ?? [],
            AllowedAsOwnNode = ownNode,
        };
    }

    /// <summary>Every connection allowed from <paramref name="source"/> to <paramref name="destination"/> (egress and ingress intersected).</summary>
    public ConnectionSet AllowedConnections(FlowEndpoint source, FlowEndpoint destination)
    {
        var egress = ConnectionSet.All;
        if (source.IsPolicyPod)
        {
            egress = SideConnections(PoliciesSelecting(source.Pod!), p => p.IsolatesEgress, p => p.EgressRules, destination, destination);
        }

        if (egress.IsEmpty)
        {
            return egress;
        }

        var ingress = ConnectionSet.All;
        if (destination.IsPolicyPod && !IsOwnNode(source, destination.Pod!))
        {
            ingress = SideConnections(PoliciesSelecting(destination.Pod!), p => p.IsolatesIngress, p => p.IngressRules, source, destination);
        }

        return egress.Intersect(ingress);
    }

    private static bool SideAllows(CompiledPolicy[] selecting, bool egress, FlowEndpoint peer, Flow flow)
    {
        var isolated = false;
        for (var i = 0; i < selecting.Length; i++)
        {
            var policy = selecting[i];
            if (egress ? !policy.IsolatesEgress : !policy.IsolatesIngress)
            {
                continue;
            }

            isolated = true;
            if (AnyRuleAllows(egress ? policy.EgressRules : policy.IngressRules, peer, flow))
            {
                return true;
            }
        }

        return !isolated;
    }

    private CompiledPolicy[] Selecting(PodEndpoint pod) =>
        _selectingCache.TryGetValue(pod, out var cached) ? cached : _selectingCache.GetOrAdd(pod, _select);

    private CompiledPolicy[] Select(PodEndpoint pod) =>
        pod.HostNetwork || !_byNamespace.TryGetValue(pod.Namespace, out var ns) ? [] : ns.Selecting(pod);

    private static ConnectionSet SideConnections(
        IReadOnlyList<CompiledPolicy> selecting,
        Func<CompiledPolicy, bool> isolates,
        Func<CompiledPolicy, CompiledRule[]> rules,
        FlowEndpoint peer,
        FlowEndpoint destination)
    {
        var isolated = false;
        var allowed = ConnectionSet.None;
        foreach (var policy in selecting.Where(isolates))
        {
            isolated = true;
            foreach (var rule in rules(policy))
            {
                if (rule.MatchesPeer(peer))
                {
                    allowed = allowed.Union(rule.ConnectionsTo(destination));
                }
            }
        }

        return isolated ? allowed : ConnectionSet.All;
    }

    private static bool AnyRuleAllows(CompiledRule[] rules, FlowEndpoint peer, Flow flow)
    {
        foreach (var rule in rules)
        {
            if (rule.MatchesPeer(peer) && rule.AllowsPort(flow.Protocol, flow.Port, flow.Destination))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsOwnNode(FlowEndpoint source, PodEndpoint destination) =>
        _options.AllowFromOwnNode && source.NodeName is { } node && !source.IsPolicyPod && node == destination.NodeName;

    /// <summary>The policies of one namespace, indexed by the first matchLabels pair of their podSelector.</summary>
    private sealed class NamespacePolicies
    {
        private readonly Dictionary<(string Key, string Value), List<(int Order, CompiledPolicy Policy)>> _byLabel = [];
        private readonly List<(int Order, CompiledPolicy Policy)> _unindexed = [];
        private int _count;

        public void Add(CompiledPolicy policy)
        {
            var entry = (_count++, policy);
            if (policy.PodSelector.MatchLabels is { Count: > 0 } labels)
            {
                var first = labels.MinBy(l => l.Key, StringComparer.Ordinal);
                if (!_byLabel.TryGetValue((first.Key, first.Value), out var list))
                {
                    _byLabel[(first.Key, first.Value)] = list = [];
                }

                list.Add(entry);
            }
            else
            {
                _unindexed.Add(entry);
            }
        }

        public CompiledPolicy[] Selecting(PodEndpoint pod)
        {
            var found = new List<(int Order, CompiledPolicy Policy)>();
            foreach (var label in pod.Labels)
            {
                if (_byLabel.TryGetValue((label.Key, label.Value), out var list))
                {
                    found.AddRange(list.Where(e => e.Policy.Selects(pod)));
                }
            }

            found.AddRange(_unindexed.Where(e => e.Policy.Selects(pod)));
            return [.. found.OrderBy(e => e.Order).Select(e => e.Policy)];
        }
    }
}
