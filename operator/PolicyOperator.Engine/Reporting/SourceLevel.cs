using System.Text.Json.Serialization;

namespace PolicyOperator.Engine.Reporting;

/// <summary>How finely a report groups the sources of traffic or DNS queries.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceLevel>))]
public enum SourceLevel
{
    Namespace,

    Workload,

    /// <summary>One pod of a workload.</summary>
    Pod,

    /// <summary>A container name within a workload, over all its pods.</summary>
    Container,

    /// <summary>A process (comm) in a container of a workload, over all its pods.</summary>
    Process,
}
