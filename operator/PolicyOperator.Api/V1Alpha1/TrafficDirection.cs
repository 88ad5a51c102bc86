using System.Text.Json.Serialization;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>The direction of traffic relative to the workload a policy selects.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrafficDirection>))]
public enum TrafficDirection
{
    Ingress,
    Egress,
}
