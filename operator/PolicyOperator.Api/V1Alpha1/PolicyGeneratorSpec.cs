using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>The generator's settings. Durations use Go's notation (<c>90m</c>, <c>24h</c>), as Kubernetes does.</summary>
public sealed record PolicyGeneratorSpec
{
    /// <summary>The namespaces whose workloads it covers; null selects every namespace.</summary>
    public LabelSelector? NamespaceSelector { get; init; }

    public GeneratorMode Mode { get; init; } = GeneratorMode.Propose;

    /// <summary>How long traffic is observed before the first proposal.</summary>
    public string LearningWindow { get; init; } = "24h";

    /// <summary>How long the observed traffic must stay unchanged before a new revision is proposed.</summary>
    public string StabilizationWindow { get; init; } = "1h";

    public LabelRules? LabelRules { get; init; }

    public DnsStrategy? Dns { get; init; }

    public ExternalPeerStrategy? ExternalPeers { get; init; }

    public ServicePortMode ServicePorts { get; init; } = ServicePortMode.TargetPort;

    public OutputFormat OutputFormat { get; init; } = OutputFormat.NetworkPolicy;
}
