namespace PolicyOperator.Sensor.Hooks;

/// <summary>The optional hook families on sock_sendmsg/sock_recvmsg in sendmsg_kprobe.bpf.c.</summary>
public static class SendmsgHooks
{
    /// <summary>fexit programs (BPF trampolines).</summary>
    public static readonly IReadOnlyList<(string Hook, string Program)> Fexit =
    [
        ("fexit/sock_sendmsg", "fexit_sock_sendmsg"),
        ("fexit/sock_recvmsg", "fexit_sock_recvmsg"),
    ];

    /// <summary>kprobe and kretprobe programs.</summary>
    public static readonly IReadOnlyList<(string Hook, string Program)> Kprobe =
    [
        ("kprobe/sock_sendmsg", "kprobe_sock_sendmsg"),
        ("kprobe/sock_recvmsg", "kprobe_sock_recvmsg"),
        ("kretprobe/sock_recvmsg", "kretprobe_sock_recvmsg"),
    ];
}
