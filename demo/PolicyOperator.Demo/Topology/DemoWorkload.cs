using PolicyOperator.Api.Core;

namespace PolicyOperator.Demo.Topology;

/// <summary>
/// A workload of the demo application: its pods serve <see cref="Ports"/> (an echo server per TCP port,
/// or the DNS server) and call <see cref="Calls"/> in a loop while the demo generates traffic.
/// </summary>
/// <param name="Namespace">The Kubernetes namespace.</param>
/// <param name="Name">The workload's name, also its <c>app</c> label.</param>
/// <param name="Kind">Deployment or StatefulSet.</param>
/// <param name="Replicas">How many pods.</param>
/// <param name="Ports">The container ports it declares (named ports resolve here).</param>
/// <param name="Calls">What its pods dial, by DNS name and port.</param>
/// <param name="ServesDns">True for the cluster DNS server (dnsmasq on its UDP port instead of an echo server).</param>
internal sealed record DemoWorkload(
    string Namespace,
    string Name,
    string Kind,
    int Replicas,
    IReadOnlyList<ContainerPort> Ports,
    IReadOnlyList<DemoCall> Calls,
    bool ServesDns = false)
{
    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";
}
