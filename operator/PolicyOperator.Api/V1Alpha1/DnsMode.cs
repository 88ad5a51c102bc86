using System.Text.Json.Serialization;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>Which DNS set-up the DNS egress rule targets.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DnsMode>))]
public enum DnsMode
{
    /// <summary>Detect it from the observed DNS traffic and the cluster.</summary>
    Auto,

    /// <summary>The cluster DNS pods (kube-dns / CoreDNS) by namespace and pod selector.</summary>
    ClusterDns,

    /// <summary>NodeLocal DNSCache at its link-local address, plus the cluster DNS as its upstream.</summary>
    NodeLocalDnsCache,

    /// <summary>OpenShift's DNS operator pods on port 5353.</summary>
    OpenShift,
}
