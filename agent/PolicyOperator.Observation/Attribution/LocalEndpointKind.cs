namespace PolicyOperator.Observation.Attribution;

/// <summary>What the local end of a flow is.</summary>
public enum LocalEndpointKind
{
    /// <summary>A container of a pod with its own network namespace.</summary>
    Pod,

    /// <summary>A container of a <c>hostNetwork: true</c> pod (it shares the node's addresses).</summary>
    HostNetworkPod,

    /// <summary>A process of the node itself, outside any pod.</summary>
    NodeProcess,

    /// <summary>A process in a network namespace that no pod accounts for (standalone mode names it).</summary>
    NetworkNamespace,

    /// <summary>A pod's cgroup whose pod is not known (yet), or a cgroup that could not be resolved.</summary>
    Unknown,
}
