using System.Net;

namespace PolicyOperator.Demo.Topology;

/// <summary>A pod of the running demo, as the inventory describes it.</summary>
/// <param name="Workload">The workload it belongs to.</param>
/// <param name="Name">Its pod name (<c>frontend-5f7c9d8b6d-x2k8q</c>, <c>redis-cart-0</c>).</param>
/// <param name="Uid">Its pod UID: the one in its kubelet-named cgroup, which the agent maps back to the pod.</param>
/// <param name="IPv4">Its IPv4 address.</param>
/// <param name="IPv6">Its IPv6 address.</param>
/// <param name="ContainerId">The container id in its cgroup's name (the pod's status names it too).</param>
internal sealed record DeployedPod(DemoWorkload Workload, string Name, string Uid, IPAddress IPv4, IPAddress IPv6, string ContainerId);
