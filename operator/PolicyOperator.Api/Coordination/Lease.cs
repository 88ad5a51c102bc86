using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.Coordination;

/// <summary>coordination.k8s.io/v1 Lease: the lock that operator replicas elect their leader with.</summary>
public sealed record Lease : IKubernetesObject<ObjectMeta>
{
    public const string Group = "coordination.k8s.io";
    public const string Version = "v1";
    public const string KindName = "Lease";
    public const string Plural = "leases";

    public string ApiVersion { get; init; } = $"{Group}/{Version}";

    public string Kind { get; init; } = KindName;

    public ObjectMeta Metadata { get; init; } = new();

    public LeaseSpec Spec { get; init; } = new();
}
