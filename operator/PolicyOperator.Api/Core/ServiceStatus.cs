namespace PolicyOperator.Api.Core;

/// <summary>core/v1 ServiceStatus (subset): the load balancer a LoadBalancer Service got.</summary>
public sealed record ServiceStatus
{
    public LoadBalancerStatus? LoadBalancer { get; init; }
}
