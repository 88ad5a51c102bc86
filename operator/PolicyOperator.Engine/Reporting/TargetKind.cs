using System.Text.Json.Serialization;

namespace PolicyOperator.Engine.Reporting;

/// <summary>What a <see cref="TrafficTarget"/> names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TargetKind>))]
public enum TargetKind
{
    /// <summary>An exact DNS name (an outside name, or a Service's cluster name).</summary>
    DnsName,

    /// <summary><c>*.suffix</c>: any name below the suffix.</summary>
    DnsWildcard,

    /// <summary>An address or CIDR.</summary>
    Cidr,

    /// <summary><c>namespace/workload</c> (or <c>namespace/*</c>); a Service name matches too.</summary>
    Workload,

    /// <summary><c>kubernetes.default.svc</c>: the API server's Service, its ClusterIP and its endpoints.</summary>
    ApiServer,
}
