using System.Text.Json.Serialization;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>Which ports rules to Services carry: what the CNI enforces after DNAT, optionally the Service port too.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServicePortMode>))]
public enum ServicePortMode
{
    /// <summary>The target port only (what CNIs enforce after DNAT).</summary>
    TargetPort,

    /// <summary>The target port and the Service port, for CNIs that enforce before DNAT.</summary>
    TargetAndServicePort,
}
