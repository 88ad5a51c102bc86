namespace PolicyOperator.Engine.Synthesis;

/// <summary>How DNS egress is allowed. The fields other than <see cref="Strategy"/> are for <see cref="DnsStrategy.Custom"/>.</summary>
public sealed record DnsOptions
{
    public DnsStrategy Strategy { get; init; } = DnsStrategy.Auto;

    /// <summary>Custom: the namespace of the DNS pods.</summary>
    public string? Namespace { get; init; }

    /// <summary>Custom: the labels of the DNS pods.</summary>
    public IReadOnlyDictionary<string, string>? PodLabels { get; init; }

    /// <summary>Custom: resolver addresses outside the pod network (for example a node-local cache).</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>Custom: the ports the resolver listens on (post-DNAT).</summary>
    public IReadOnlyList<int> Ports { get; init; } = [53];
}
