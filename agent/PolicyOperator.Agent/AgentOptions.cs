using PolicyOperator.Observation.Recording;

namespace PolicyOperator.Agent;

/// <summary>How the agent runs: the flags the Helm chart passes, and standalone mode's.</summary>
public sealed record AgentOptions
{
    /// <summary>The node this agent observes (<c>--node-name</c>, the chart passes spec.nodeName).</summary>
    public required string NodeName { get; init; }

    /// <summary>How often ObservedTraffic is written (<c>--batch-interval</c>).</summary>
    public TimeSpan BatchInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an observation window is (<c>--window</c>); entries not seen in the current one age out.</summary>
    public TimeSpan Window { get; init; } = ObservationWindowSchedule.DefaultLength;

    /// <summary>The port of /metrics (<c>--metrics-port</c>); 0 picks a free one.</summary>
    public int MetricsPort { get; init; } = 8080;

    /// <summary>The port of /healthz and /readyz (<c>--health-port</c>); 0 picks a free one.</summary>
    public int HealthPort { get; init; } = 8081;

    /// <summary>json (one object per line) or text (<c>--log-format</c>).</summary>
    public string LogFormat { get; init; } = "json";

    /// <summary>The host's /proc (<c>--host-proc</c>; the chart mounts it at /host/proc).</summary>
    public string HostProc { get; init; } = "/proc";

    /// <summary>Where the sensor pins its maps in bpffs, so that a restarted agent loses no counts (<c>--pin-dir</c>).</summary>
    public string? PinDirectory { get; init; } = "/sys/fs/bpf/policy-operator";

    /// <summary>No cluster: attribute from <see cref="Inventory"/> or names, write to <see cref="Output"/> (<c>--standalone</c>).</summary>
    public bool Standalone { get; init; }

    /// <summary>Inventory files for standalone mode (<c>--inventory</c>).</summary>
    public IReadOnlyList<string> Inventory { get; init; } = [];

    /// <summary>Standalone output: a file or a directory (<c>--out</c>).</summary>
    public string? Output { get; init; }

    /// <summary>A kubeconfig to use instead of the in-cluster service account (<c>--kubeconfig</c>).</summary>
    public string? Kubeconfig { get; init; }
}
