namespace PolicyOperator.Engine.Evaluation;

/// <summary>
/// Allowed connections between two endpoints: ports per protocol (TCP, UDP, SCTP), and whether
/// traffic without ports (ICMP, ...) is allowed, which only a rule without ports does. Immutable.
/// </summary>
public sealed record ConnectionSet
{
    /// <summary>The protocols NetworkPolicy ports name, in the order np-guard prints them.</summary>
    public static IReadOnlyList<string> Protocols { get; } = ["SCTP", "TCP", "UDP"];

    /// <summary>Nothing allowed.</summary>
    public static ConnectionSet None { get; } = new() { Tcp = PortSet.None, Udp = PortSet.None, Sctp = PortSet.None, OtherProtocols = false };

    /// <summary>Everything allowed.</summary>
    public static ConnectionSet All { get; } = new() { Tcp = PortSet.All, Udp = PortSet.All, Sctp = PortSet.All, OtherProtocols = true };

    public required PortSet Tcp { get; init; }

    public required PortSet Udp { get; init; }

    public required PortSet Sctp { get; init; }

    /// <summary>Protocols without ports (ICMP and others).</summary>
    public required bool OtherProtocols { get; init; }

    public bool IsEmpty => Tcp.IsEmpty && Udp.IsEmpty && Sctp.IsEmpty && !OtherProtocols;

    /// <summary>Every port of TCP, UDP and SCTP (what np-guard calls All Connections).</summary>
    public bool IsAllPorts => Tcp.IsAll && Udp.IsAll && Sctp.IsAll;

    /// <summary>The ports of one protocol in <paramref name="protocol"/> (TCP, UDP or SCTP); null for other protocols.</summary>
    public PortSet? PortsOf(string protocol) => protocol switch
    {
        "TCP" => Tcp,
        "UDP" => Udp,
        "SCTP" => Sctp,
        _ => null,
    };

    /// <summary>Only <paramref name="ports"/> of <paramref name="protocol"/>.</summary>
    /// <exception cref="ArgumentException">The protocol is not TCP, UDP or SCTP.</exception>
    public static ConnectionSet Of(string protocol, PortSet ports) => protocol switch
    {
        "TCP" => None with { Tcp = ports },
        "UDP" => None with { Udp = ports },
        "SCTP" => None with { Sctp = ports },
        _ => throw new ArgumentException($"'{protocol}' is not a NetworkPolicy protocol (TCP, UDP, SCTP)", nameof(protocol)),
    };

    /// <summary>True when a connection of this protocol to this port is in the set.</summary>
    public bool Allows(string protocol, int port) => PortsOf(protocol) is { } ports ? ports.Contains(port) : OtherProtocols;

    public ConnectionSet Union(ConnectionSet other) => new()
    {
        Tcp = Tcp.Union(other.Tcp),
        Udp = Udp.Union(other.Udp),
        Sctp = Sctp.Union(other.Sctp),
        OtherProtocols = OtherProtocols || other.OtherProtocols,
    };

    public ConnectionSet Intersect(ConnectionSet other) => new()
    {
        Tcp = Tcp.Intersect(other.Tcp),
        Udp = Udp.Intersect(other.Udp),
        Sctp = Sctp.Intersect(other.Sctp),
        OtherProtocols = OtherProtocols && other.OtherProtocols,
    };

    public ConnectionSet Subtract(ConnectionSet other) => new()
    {
        Tcp = Tcp.Subtract(other.Tcp),
        Udp = Udp.Subtract(other.Udp),
        Sctp = Sctp.Subtract(other.Sctp),
        OtherProtocols = OtherProtocols && !other.OtherProtocols,
    };

    /// <summary>np-guard's form: <c>All Connections</c>, <c>No Connections</c>, or <c>TCP 80,443,UDP 53</c>.</summary>
    public override string ToString()
    {
        if (IsAllPorts)
        {
            return "All Connections";
        }

        var parts = Protocols.Select(p => (Protocol: p, Ports: PortsOf(p)!)).Where(p => !p.Ports.IsEmpty).Select(p => $"{p.Protocol} {p.Ports}").ToList();
        return parts.Count == 0 ? "No Connections" : string.Join(',', parts);
    }
}
