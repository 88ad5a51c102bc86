namespace PolicyOperator.Api.Discovery;

/// <summary>discovery.k8s.io/v1 EndpointPort: the resolved target port, named as the Service port is.</summary>
public sealed record EndpointPort
{
    public string? Name { get; init; }

    public string? Protocol { get; init; }

    public int? Port { get; init; }
}
