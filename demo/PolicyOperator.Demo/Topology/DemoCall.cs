namespace PolicyOperator.Demo.Topology;

/// <summary>A connection a workload makes over and over: a DNS name (resolved by the cluster DNS) and a port.</summary>
internal sealed record DemoCall(string Host, int Port)
{
    /// <summary>socat's address form, <c>host:port</c>.</summary>
    public override string ToString() => $"{Host}:{Port}";
}
