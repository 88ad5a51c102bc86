using PolicyOperator.Api.Meta;

namespace PolicyOperator.Engine.Evaluation;

/// <summary>
/// One peer of a rule, ready to match. A selector peer matches pods only (podSelector alone means the
/// policy's namespace; namespaceSelector alone means every pod of the matching namespaces; both are
/// ANDed). An ipBlock peer matches bare addresses only (cidr minus except): as in np-guard's model and
/// the API reference's advice, pod IPs are not matched by ipBlock.
/// </summary>
internal sealed class CompiledPeer
{
    private readonly string _policyNamespace;
    private readonly CompiledSelector? _podSelector;
    private readonly CompiledSelector? _namespaceSelector;
    private readonly IpRange? _cidr;
    private readonly IpRange[] _except;

    private CompiledPeer(string policyNamespace, LabelSelector? podSelector, LabelSelector? namespaceSelector, IpRange? cidr, IpRange[] except)
    {
        _policyNamespace = policyNamespace;
        _podSelector = podSelector is null ? null : new CompiledSelector(podSelector);
        _namespaceSelector = namespaceSelector is null ? null : new CompiledSelector(namespaceSelector);
        _cidr = cidr;
        _except = except;
    }

    /// <summary>The ipBlock's ranges (cidr and excepts), for splitting the address space.</summary>
    public IEnumerable<IpRange> IpRanges => _cidr is { } cidr ? [cidr, .. _except] : [];

    public static CompiledPeer Selector(string policyNamespace, LabelSelector? podSelector, LabelSelector? namespaceSelector) =>
        new(policyNamespace, podSelector, namespaceSelector, null, []);

    public static CompiledPeer IpBlock(string policyNamespace, IpRange cidr, IpRange[] except) =>
        new(policyNamespace, null, null, cidr, except);

    public bool Matches(FlowEndpoint endpoint)
    {
        if (_cidr is { } cidr)
        {
            if (endpoint.IsPolicyPod || endpoint.Ip is not { } ip || !cidr.Contains(ip))
            {
                return false;
            }

            foreach (var except in _except)
            {
                if (except.Contains(ip))
                {
                    return false;
                }
            }

            return true;
        }

        if (endpoint.Pod is not { HostNetwork: false } pod)
        {
            return false;
        }

        var namespaceMatches = _namespaceSelector is null
            ? pod.Namespace == _policyNamespace
            : _namespaceSelector.Matches(pod.NamespaceLabels);
        return namespaceMatches && (_podSelector is null || _podSelector.Matches(pod.Labels));
    }
}
