using System.Net;

namespace PolicyOperator.Engine.Evaluation;

/// <summary>
/// A pod as the evaluator sees it: where it is, its labels and its namespace's labels, its node,
/// whether it uses the host network, and its named container ports.
/// </summary>
public sealed record PodEndpoint
{
    public required string Namespace { get; init; }

    /// <summary>The pod's name (or a workload's name for a pod that stands for a workload).</summary>
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The namespace's labels, including <c>kubernetes.io/metadata.name</c>.</summary>
    public IReadOnlyDictionary<string, string> NamespaceLabels { get; init; } = new Dictionary<string, string>();

    public string? NodeName { get; init; }

    /// <summary>A host-network pod is not selected by NetworkPolicies and is seen by peers as its node's IP.</summary>
    public bool HostNetwork { get; init; }

    public IReadOnlyList<NamedPort> NamedPorts { get; init; } = [];

    /// <summary>The pod's IP where known (for a host-network pod, its node's IP).</summary>
    public IPAddress? Ip { get; init; }

    /// <summary>How to name it in reports, for example <c>shop/web[Deployment]</c>; defaults to <c>namespace/name</c>.</summary>
    public string? DisplayName { get; init; }

    public override string ToString() => DisplayName ?? $"{Namespace}/{Name}";
}
