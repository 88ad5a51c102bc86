using System.Net;

namespace PolicyOperator.Testing.Netns;

/// <summary>
/// A ClusterIP Service of a <see cref="NetnsCluster"/>: traffic to <see cref="ClusterIP"/>:<see cref="Port"/>
/// is DNATed in the node's namespace to a backend's <see cref="TargetPort"/>.
/// </summary>
public sealed record ClusterService(
    string Name,
    string Namespace,
    IPAddress ClusterIP,
    int Port,
    int TargetPort,
    string Protocol,
    IReadOnlyList<Pod> Backends);
