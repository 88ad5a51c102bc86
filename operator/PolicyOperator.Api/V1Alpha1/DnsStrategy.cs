using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>How the always-allowed DNS egress rule is written.</summary>
public sealed record DnsStrategy
{
    public DnsMode Mode { get; init; } = DnsMode.Auto;

    /// <summary>The cluster DNS namespace (ClusterDns mode).</summary>
    public string Namespace { get; init; } = "kube-system";

    /// <summary>The cluster DNS pods (ClusterDns mode); defaults to <c>k8s-app: kube-dns</c>.</summary>
    public LabelSelector? PodSelector { get; init; }

    /// <summary>The DNS ports; defaults to 53 (5353 in OpenShift mode), UDP and TCP.</summary>
    public IReadOnlyList<DnsPort> Ports { get; init; } = [];

    /// <summary>NodeLocal DNSCache's link-local address.</summary>
    public string NodeLocalAddress { get; init; } = "169.254.20.10";
}
