namespace PolicyOperator.Sensor.Hooks;

/// <summary>The two flavours of the TCP state tracepoint in tcp_flows.bpf.c; one of them runs.</summary>
public static class TcpStateHooks
{
    /// <summary>The BTF-typed raw tracepoint: the first choice.</summary>
    public static readonly (string Hook, string Program) Btf = ("tp_btf/inet_sock_set_state", "tcp_state_change_btf");

    /// <summary>The classic tracepoint: where tp_btf is refused or turned off.</summary>
    public static readonly (string Hook, string Program) Classic = ("tracepoint/sock/inet_sock_set_state", "tcp_state_change");
}
