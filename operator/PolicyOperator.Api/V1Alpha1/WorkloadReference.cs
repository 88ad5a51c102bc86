using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>
/// A workload: the owning controller of a set of pods (Deployment, StatefulSet, DaemonSet,
/// CronJob, Job, ...) or a bare Pod, with the selector that stays stable across rollouts.
/// </summary>
public sealed record WorkloadReference
{
    /// <summary>Deployment, StatefulSet, DaemonSet, CronJob, Job, ReplicaSet, Pod, or Host for the node's own processes.</summary>
    public required string Kind { get; init; }

    public required string Name { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The pods it owns: the workload's spec.selector, or stable pod labels for bare pods.</summary>
    public LabelSelector? Selector { get; init; }

    /// <summary>The pod template's labels, where known (informational).</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>True when its pods use the host network.</summary>
    public bool HostNetwork { get; init; }

    public string? ServiceAccount { get; init; }

    /// <summary>
    /// The cluster of a peer workload when it differs from the observing one (for example a
    /// Cilium ClusterMesh identity); null means the observing cluster.
    /// </summary>
    public string? Cluster { get; init; }
}
