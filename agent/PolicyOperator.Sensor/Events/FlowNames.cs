namespace PolicyOperator.Sensor.Events;

/// <summary>Names and numbers shared with bpf/include/flow.h and the flow programs.</summary>
public static class FlowNames
{
    /// <summary>tcp_flows.bpf.o: the TCP state tracepoint.</summary>
    public const string TcpObject = "tcp_flows.bpf.o";

    /// <summary>udp_dns.bpf.o: socket owners, UDP flows and DNS from the cgroup v2 root.</summary>
    public const string UdpDnsObject = "udp_dns.bpf.o";

    /// <summary>sendmsg_kprobe.bpf.o: fexit and kprobe programs on sock_sendmsg/sock_recvmsg.</summary>
    public const string SendmsgObject = "sendmsg_kprobe.bpf.o";

    /// <summary>The LRU hash of flows.</summary>
    public const string FlowsMap = "flows";

    /// <summary>Listening TCP ports.</summary>
    public const string ListenersMap = "listeners";

    /// <summary>Per-CPU drop counters.</summary>
    public const string DropsMap = "drops";

    /// <summary>Ring buffer of flow events.</summary>
    public const string FlowEventsMap = "flow_events";

    /// <summary>Ring buffer of DNS messages.</summary>
    public const string DnsEventsMap = "dns_events";

    /// <summary>The maps every object shares (pinned when the sensor pins).</summary>
    public static readonly IReadOnlyList<string> SharedMaps = [FlowsMap, ListenersMap, DropsMap, FlowEventsMap, DnsEventsMap];

    /// <summary>The maps whose contents survive a restart when pinned.</summary>
    public static readonly IReadOnlyList<string> PinnedMaps = [FlowsMap, ListenersMap, DropsMap];

    /// <summary>FLOW_EVENT_NEW.</summary>
    public const byte EventNew = 1;

    /// <summary>FLOW_EVENT_UPDATE.</summary>
    public const byte EventUpdate = 2;

    /// <summary>AF_INET.</summary>
    public const ushort AfInet = 2;

    /// <summary>AF_INET6.</summary>
    public const ushort AfInet6 = 10;

    /// <summary>STAT_FLOWS_CREATED: the counter of flows created (index in the drops map).</summary>
    public const int FlowsCreatedIndex = 5;

    /// <summary>DROP_UNTRACKED_CLOSE: TCP closes whose flow was not in the map (index in the drops map).</summary>
    public const int UntrackedCloseIndex = 6;

    /// <summary>DROP_MAX: the number of drop counters.</summary>
    public const int DropReasons = 8;
}
