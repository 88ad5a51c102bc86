using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Core;

/// <summary>core/v1 Node (subset): its addresses tell node traffic apart from external traffic.</summary>
public sealed record Node : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "v1";

    public string Kind { get; init; } = "Node";

    public ObjectMeta Metadata { get; init; } = new();

    public NodeStatus? Status { get; init; }
}
