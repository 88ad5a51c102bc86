namespace PolicyOperator.Engine.Synthesis;

/// <summary>Where the cluster DNS lives, so that restricted egress still resolves names (design rule 5).</summary>
public enum DnsStrategy
{
    /// <summary>Detect from the inventory: OpenShift, then NodeLocal DNSCache, else kube-dns.</summary>
    Auto,

    /// <summary>Pods <c>k8s-app=kube-dns</c> in kube-system, UDP and TCP 53.</summary>
    KubeDns,

    /// <summary>kube-dns plus the NodeLocal DNSCache link-local address 169.254.20.10, UDP and TCP 53.</summary>
    NodeLocalDnsCache,

    /// <summary>A cloud resolver on the metadata address (GKE Cloud DNS: 169.254.169.254), UDP and TCP 53.</summary>
    CloudDns,

    /// <summary>OpenShift: the dns-default pods in openshift-dns, UDP and TCP 5353 (the target port behind 53).</summary>
    OpenShift,

    /// <summary>The namespace, labels, addresses and ports given in <see cref="DnsOptions"/>.</summary>
    Custom,
}
