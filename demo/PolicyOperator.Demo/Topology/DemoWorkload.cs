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
/// <param name="SelectorLabel">The label its selector and its Services use, <c>app</c> unless said otherwise (CoreDNS: <c>k8s-app</c>).</param>
/// <param name="SelectorValue">That label's value, the workload's name unless said otherwise (CoreDNS: <c>kube-dns</c>).</param>
internal sealed record DemoWorkload(
    string Namespace,
    string Name,
    string Kind,
    int Replicas,
    IReadOnlyList<ContainerPort> Ports,
    IReadOnlyList<DemoCall> Calls,
    bool ServesDns = false,
    string SelectorLabel = "app",
    string? SelectorValue = null)
{
    /// <summary>The labels its pods are selected by (its own selector's and its Services').</summary>
    public IReadOnlyDictionary<string, string> SelectorLabels => new Dictionary<string, string> { [SelectorLabel] = SelectorValue ?? Name };

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";
}
