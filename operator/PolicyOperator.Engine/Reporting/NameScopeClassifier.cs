namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Tells cluster names from outside names. A name is internal when it is the cluster domain or
/// under it, ends in <c>.svc</c>, is a single label (a search-path short name), or is
/// <c>service.namespace</c> for a namespace the cluster is known to have; everything else is external.
/// </summary>
public sealed class NameScopeClassifier(string clusterDomain, IEnumerable<string> knownNamespaces)
{
    private readonly string _domain = DnsNames.Normalize(clusterDomain);
    private readonly HashSet<string> _namespaces = new(knownNamespaces, StringComparer.Ordinal);

    /// <summary>The scope of <paramref name="name"/>.</summary>
    public NameScope Classify(string name)
    {
        var n = DnsNames.Normalize(name);
        if (n == _domain || n.EndsWith("." + _domain, StringComparison.Ordinal) || n.EndsWith(".svc", StringComparison.Ordinal) || !n.Contains('.', StringComparison.Ordinal))
        {
            return NameScope.Internal;
        }

        var labels = n.Split('.');
        return labels.Length == 2 && _namespaces.Contains(labels[1]) ? NameScope.Internal : NameScope.External;
    }
}
