namespace PolicyOperator.Observation.Attribution;

/// <summary>What a cgroup path says about the processes in it.</summary>
/// <param name="PodUid">The pod's UID (with dashes), or null for a process outside any pod.</param>
/// <param name="ContainerId">The container id (64 hex characters), or null for the pod-level cgroup.</param>
/// <param name="Runtime">containerd, cri-o or docker, where the name says.</param>
/// <param name="QosClass">Guaranteed, Burstable or BestEffort, where the pod is in a pod cgroup.</param>
public sealed record CgroupIdentity(string? PodUid, string? ContainerId, string? Runtime, string? QosClass)
{
    /// <summary>A process of the node itself (systemd services, user sessions, the root cgroup).</summary>
    public static CgroupIdentity Host { get; } = new(null, null, null, null);

    /// <summary>True when the cgroup is not a pod's.</summary>
    public bool IsHost => PodUid is null;
}
