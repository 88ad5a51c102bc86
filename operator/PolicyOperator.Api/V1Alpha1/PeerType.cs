using System.Text.Json.Serialization;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>What kind of peer a traffic entry has.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PeerType>))]
public enum PeerType
{
    /// <summary>A pod of a known workload (pod IP matched).</summary>
    Workload,

    /// <summary>A Service reached through its ClusterIP; selected by its spec.selector.</summary>
    Service,

    /// <summary>A node (its IP) or the host network.</summary>
    Node,

    /// <summary>Anything else: an IP outside the cluster, with the DNS names it was reached by.</summary>
    External,
}
