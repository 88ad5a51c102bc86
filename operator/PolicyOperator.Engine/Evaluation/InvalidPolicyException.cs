namespace PolicyOperator.Engine.Evaluation;

/// <summary>A NetworkPolicy the evaluator cannot evaluate: names the policy and the field.</summary>
public sealed class InvalidPolicyException(string policy, string field, string problem)
    : Exception($"NetworkPolicy {policy}: {field}: {problem}")
{
    /// <summary><c>namespace/name</c>.</summary>
    public string Policy { get; } = policy;

    /// <summary>The path of the bad field, for example <c>spec.ingress[0].from[1].ipBlock.cidr</c>.</summary>
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
