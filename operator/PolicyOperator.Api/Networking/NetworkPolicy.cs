using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Networking;

/// <summary>networking.k8s.io/v1 NetworkPolicy.</summary>
public sealed record NetworkPolicy : IKubernetesObject<ObjectMeta>
{
    public string ApiVersion { get; init; } = "networking.k8s.io/v1";

    public string Kind { get; init; } = "NetworkPolicy";

    public ObjectMeta Metadata { get; init; } = new();

    public NetworkPolicySpec Spec { get; init; } = new();
}
