namespace PolicyOperator.Api.Core;

/// <summary>core/v1 LoadBalancerStatus: the addresses a cloud load balancer exposes a Service on.</summary>
public sealed record LoadBalancerStatus
{
    public IReadOnlyList<LoadBalancerIngress>? Ingress { get; init; }
}
