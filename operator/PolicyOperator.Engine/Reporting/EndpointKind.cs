using System.Text.Json.Serialization;

namespace PolicyOperator.Engine.Reporting;

/// <summary>What one end of a <see cref="TrafficEdge"/> is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EndpointKind>))]
public enum EndpointKind
{
    /// <summary>A workload of the cluster (pods of a Deployment, StatefulSet, ...).</summary>
    Workload,

    /// <summary>A Service whose backend workload is not known.</summary>
    Service,

    /// <summary>A node or the host network.</summary>
    Node,

    /// <summary>An address outside the cluster.</summary>
    External,
}
