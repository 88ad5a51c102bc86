using System.Net;

namespace PolicyOperator.Engine.Evaluation;

/// <summary>One end of a flow: a pod, or a bare IP (external, or a node's when <see cref="NodeName"/> is set).</summary>
public sealed record FlowEndpoint
{
    private FlowEndpoint()
    {
    }

    /// <summary>The pod, for a pod endpoint.</summary>
    public PodEndpoint? Pod { get; private init; }

    /// <summary>The IP: the pod's where known, or the bare address.</summary>
    public IPAddress? Ip { get; private init; }

    /// <summary>The node this address belongs to, for a node endpoint (kubelet, host-network processes).</summary>
    public string? NodeName { get; private init; }

    /// <summary>A pod that NetworkPolicies can select (not host-network).</summary>
    public bool IsPolicyPod => Pod is { HostNetwork: false };

    public static FlowEndpoint ForPod(PodEndpoint pod) => new() { Pod = pod, Ip = pod.Ip, NodeName = pod.HostNetwork ? pod.NodeName : null };

    public static FlowEndpoint ForAddress(IPAddress ip) => new() { Ip = ip };

    public static FlowEndpoint ForNode(IPAddress ip, string? nodeName) => new() { Ip = ip, NodeName = nodeName };

    public override string ToString() =>
        Pod?.ToString() ?? (NodeName is { } node ? $"{Ip}[Node {node}]" : $"{Ip}[External]");
}
