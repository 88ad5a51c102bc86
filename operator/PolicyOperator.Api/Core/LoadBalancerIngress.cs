namespace PolicyOperator.Api.Core;

/// <summary>core/v1 LoadBalancerIngress: one address (IP or host name) of a Service's load balancer.</summary>
public sealed record LoadBalancerIngress
{
    public string? Ip { get; init; }

    public string? Hostname { get; init; }
}
