using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Core;

/// <summary>core/v1 ServicePort: <see cref="Port"/> is what clients dial; <see cref="TargetPort"/> what the CNI enforces.</summary>
public sealed record ServicePort
{
    public string? Name { get; init; }

    public string? Protocol { get; init; }

    public required int Port { get; init; }

    /// <summary>A number, or the name of a container port on the backend pods; defaults to <see cref="Port"/>.</summary>
    public IntOrString? TargetPort { get; init; }

    public int? NodePort { get; init; }
}
