using PolicyOperator.Observation.Recording;
using PolicyOperator.Sensor.Loading;

namespace PolicyOperator.Observation;

/// <summary>How an <see cref="ObservationSession"/> runs.</summary>
public sealed record ObservationSessionOptions
{
    /// <summary>The node name recorded in every object.</summary>
    public required string Node { get; init; }

    /// <summary>The sensor's options (pin directory, map sizes, ...).</summary>
    public SensorOptions Sensor { get; init; } = new();

    /// <summary>The size bounds of each object.</summary>
    public TrafficLimits Limits { get; init; } = TrafficLimits.Default;

    /// <summary>
    /// How long an observation window is: entries not seen in the current one age out (the agent's
    /// <c>--window</c>). Null (<c>policyctl observe</c>): one run is one window, nothing ages out.
    /// </summary>
    public TimeSpan? Window { get; init; }

    /// <summary>The host's /proc (the node's network namespace is that of its PID 1).</summary>
    public string HostProc { get; init; } = "/proc";

    /// <summary>Where <c>ip netns</c> names namespaces.</summary>
    public string NamedNetworkNamespaces { get; init; } = "/run/netns";

    /// <summary>The cgroup v2 mount; null finds it in /proc/mounts.</summary>
    public string? CgroupRoot { get; init; }
}
