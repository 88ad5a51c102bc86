using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;

namespace PolicyOperator.Engine.Evaluation;

/// <summary>
/// A NetworkPolicy validated and defaulted for evaluation: namespace (default <c>default</c>),
/// policyTypes (Ingress always, Egress when there are egress rules, unless given), protocols (TCP).
/// </summary>
public sealed class CompiledPolicy
{
    private static readonly string[] ValidProtocols = ["TCP", "UDP", "SCTP"];

    private readonly CompiledSelector _podSelector;

    private CompiledPolicy(NetworkPolicy source, string ns, string name)
    {
        _podSelector = new CompiledSelector(source.Spec.PodSelector);
        Source = source;
        Namespace = ns;
        Name = name;
    }

    public NetworkPolicy Source { get; }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";

    public LabelSelector PodSelector => Source.Spec.PodSelector;

    /// <summary>True when the policy isolates its pods for ingress.</summary>
    public bool IsolatesIngress { get; private init; }

    /// <summary>True when the policy isolates its pods for egress.</summary>
    public bool IsolatesEgress { get; private init; }

    internal CompiledRule[] IngressRules { get; private init; } = [];

    internal CompiledRule[] EgressRules { get; private init; } = [];

    /// <summary>Every ipBlock range (cidr and excepts) of the ingress rules.</summary>
    public IEnumerable<IpRange> IngressIpRanges => IngressRules.SelectMany(r => r.Peers).SelectMany(p => p.IpRanges);

    /// <summary>Every ipBlock range (cidr and excepts) of the egress rules.</summary>
    public IEnumerable<IpRange> EgressIpRanges => EgressRules.SelectMany(r => r.Peers).SelectMany(p => p.IpRanges);

    /// <summary>Validates and defaults a policy.</summary>
    /// <exception cref="InvalidPolicyException">A field is invalid; the message names the policy and the field.</exception>
    public static CompiledPolicy Compile(NetworkPolicy policy)
    {
        var ns = policy.Metadata.Namespace ?? "default";
        var name = policy.Metadata.Name ?? string.Empty;
        var key = $"{ns}/{name}";
        ValidateSelector(key, "spec.podSelector", policy.Spec.PodSelector);

        var types = policy.Spec.PolicyTypes;
        bool ingress, egress;
        if (types is { Count: > 0 })
        {
            foreach (var type in types.Where(t => t is not ("Ingress" or "Egress")))
            {
                throw new InvalidPolicyException(key, "spec.policyTypes", $"'{type}' is not Ingress or Egress");
            }

            ingress = types.Contains("Ingress");
            egress = types.Contains("Egress");
        }
        else
        {
            ingress = true;
            egress = policy.Spec.Egress is { Count: > 0 };
        }

        return new CompiledPolicy(policy, ns, name)
        {
            IsolatesIngress = ingress,
            IsolatesEgress = egress,
            IngressRules = ingress
                ? [.. (policy.Spec.Ingress ?? []).Select((r, i) => CompileRule(key, ns, $"spec.ingress[{i}]", "from", r.From, r.Ports))]
                : [],
            EgressRules = egress
                ? [.. (policy.Spec.Egress ?? []).Select((r, i) => CompileRule(key, ns, $"spec.egress[{i}]", "to", r.To, r.Ports))]
                : [],
        };
    }

    internal bool Selects(PodEndpoint pod) => pod.Namespace == Namespace && _podSelector.Matches(pod.Labels);

    private static CompiledRule CompileRule(
        string key, string ns, string path, string peersField, IReadOnlyList<NetworkPolicyPeer>? peers, IReadOnlyList<NetworkPolicyPort>? ports)
    {
        var compiledPeers = peers is { Count: > 0 }
            ? peers.Select((p, i) => CompilePeer(key, ns, $"{path}.{peersField}[{i}]", p)).ToArray()
            : null;
        var compiledPorts = ports is { Count: > 0 }
            ? ports.Select((p, i) => CompilePort(key, $"{path}.ports[{i}]", p)).ToArray()
            : null;
        return new CompiledRule(compiledPeers, compiledPorts);
    }

    private static CompiledPeer CompilePeer(string key, string ns, string path, NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is { } block)
        {
            if (peer.PodSelector is not null || peer.NamespaceSelector is not null)
            {
                throw new InvalidPolicyException(key, path, "ipBlock cannot be combined with podSelector or namespaceSelector");
            }

            var cidr = ParseCidr(key, $"{path}.ipBlock.cidr", block.Cidr);
            var except = (block.Except ?? []).Select((e, i) => ParseCidr(key, $"{path}.ipBlock.except[{i}]", e)).ToArray();
            return CompiledPeer.IpBlock(ns, cidr, except);
        }

        if (peer.PodSelector is null && peer.NamespaceSelector is null)
        {
            throw new InvalidPolicyException(key, path, "a peer needs podSelector, namespaceSelector or ipBlock");
        }

        ValidateSelector(key, $"{path}.podSelector", peer.PodSelector);
        ValidateSelector(key, $"{path}.namespaceSelector", peer.NamespaceSelector);
        return CompiledPeer.Selector(ns, peer.PodSelector, peer.NamespaceSelector);
    }

    private static CompiledPort CompilePort(string key, string path, NetworkPolicyPort port)
    {
        var protocol = port.Protocol ?? "TCP";
        if (!ValidProtocols.Contains(protocol, StringComparer.Ordinal))
        {
            throw new InvalidPolicyException(key, $"{path}.protocol", $"'{protocol}' is not TCP, UDP or SCTP");
        }

        if (port.Port is not { } value)
        {
            return port.EndPort is null
                ? new CompiledPort(protocol, PortSet.All, null)
                : throw new InvalidPolicyException(key, $"{path}.endPort", "endPort needs a numeric port");
        }

        if (value.Name is { } name)
        {
            return port.EndPort is null
                ? new CompiledPort(protocol, null, name)
                : throw new InvalidPolicyException(key, $"{path}.endPort", "endPort cannot be used with a named port");
        }

        var start = value.Number!.Value;
        var end = port.EndPort ?? start;
        if (start is < PortSet.MinPort or > PortSet.MaxPort || end is < PortSet.MinPort or > PortSet.MaxPort)
        {
            throw new InvalidPolicyException(key, $"{path}.port", $"port {start}-{end} is outside 1-65535");
        }

        return end < start
            ? throw new InvalidPolicyException(key, $"{path}.endPort", $"endPort {end} is below port {start}")
            : new CompiledPort(protocol, PortSet.Range(start, end), null);
    }

    private static IpRange ParseCidr(string key, string path, string cidr)
    {
        try
        {
            return IpRange.ParseCidr(cidr);
        }
        catch (FormatException ex)
        {
            throw new InvalidPolicyException(key, path, ex.Message);
        }
    }

    private static void ValidateSelector(string key, string path, LabelSelector? selector)
    {
        foreach (var (expression, i) in (selector?.MatchExpressions ?? []).Select((e, i) => (e, i)))
        {
            var needsValues = expression.Operator is "In" or "NotIn";
            if (expression.Operator is not ("In" or "NotIn" or "Exists" or "DoesNotExist"))
            {
                throw new InvalidPolicyException(key, $"{path}.matchExpressions[{i}].operator", $"'{expression.Operator}' is not In, NotIn, Exists or DoesNotExist");
            }

            if (needsValues != (expression.Values is { Count: > 0 }))
            {
                throw new InvalidPolicyException(
                    key,
                    $"{path}.matchExpressions[{i}].values",
                    needsValues ? $"{expression.Operator} needs values" : $"{expression.Operator} takes no values");
            }
        }
    }
}
