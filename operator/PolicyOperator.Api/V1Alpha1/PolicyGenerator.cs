using PolicyOperator.Api.Meta;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>
/// What to learn and what to do with it (cluster-scoped): which namespaces, whether to only observe,
/// propose or enforce, how long to learn, and how to render DNS, external peers and ports.
/// </summary>
public sealed record PolicyGenerator : IKubernetesObject<ObjectMeta>
{
    public const string Group = "policyoperator.io";
    public const string Version = "v1alpha1";
    public const string KindName = "PolicyGenerator";
    public const string Plural = "policygenerators";

    public string ApiVersion { get; init; } = $"{Group}/{Version}";

    public string Kind { get; init; } = KindName;

    public ObjectMeta Metadata { get; init; } = new();

    public required PolicyGeneratorSpec Spec { get; init; }

    public PolicyGeneratorStatus? Status { get; init; }
}
