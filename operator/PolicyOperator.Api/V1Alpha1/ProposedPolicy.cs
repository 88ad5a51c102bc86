using System.Text.Json.Nodes;

namespace PolicyOperator.Api.V1Alpha1;

/// <summary>
/// One proposed NetworkPolicy and the observed traffic behind each of its rules. The policy is an
/// embedded networking.k8s.io/v1 NetworkPolicy object, kept as JSON so that it round-trips unchanged.
/// </summary>
public sealed record ProposedPolicy
{
    /// <summary>The complete NetworkPolicy object (apiVersion, kind, metadata, spec).</summary>
    public required JsonObject Policy { get; init; }

    /// <summary>The evidence for every rule of <see cref="Policy"/> (bounded; counted in the rule when merged).</summary>
    public IReadOnlyList<RuleEvidence> Evidence { get; init; } = [];
}
