using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>
/// What one node saw one workload do during an observation window (namespaced, in the workload's
/// namespace). Written by the agent and by <c>policyctl observe</c>; read by the operator and
/// <c>policyctl generate</c>.
/// </summary>
public sealed record ObservedTraffic : IKubernetesObject<ObjectMeta>
{
    public const string Group = "policyoperator.io";
    public const string Version = "v1alpha1";
    public const string KindName = "ObservedTraffic";
    public const string Plural = "observedtraffics";

    public string ApiVersion { get; init; } = $"{Group}/{Version}";

    public string Kind { get; init; } = KindName;

    public ObjectMeta Metadata { get; init; } = new();

    public required ObservedTrafficSpec Spec { get; init; }

    public ObservedTrafficStatus? Status { get; init; }
}
