using System.Text.Json.Serialization;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>The kind of policy objects a generator writes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutputFormat>))]
public enum OutputFormat
{
    /// <summary>networking.k8s.io/v1 NetworkPolicy.</summary>
    NetworkPolicy,

    /// <summary>cilium.io/v2 CiliumNetworkPolicy (adds FQDN rules for external peers).</summary>
    CiliumNetworkPolicy,
}
