namespace PolicyOperator.Sensor;

/// <summary>Names in bpf/probe.bpf.c and bpf/include/probe.h, mirrored for user space.</summary>
public static class ProbeMaps
{
    /// <summary>The tracepoint program on sock/inet_sock_set_state.</summary>
    public const string Program = "probe_inet_sock_set_state";

    /// <summary>Array map: TCP state -> number of transitions into it.</summary>
    public const string StateCounts = "state_counts";

    /// <summary>PROBE_TCP_STATE_MAX.</summary>
    public const int StateMax = 16;

    /// <summary>TCP_ESTABLISHED in include/net/tcp_states.h.</summary>
    public const uint TcpEstablished = 1;
}
