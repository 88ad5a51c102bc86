namespace PolicyOperator.Engine.Evaluation;

/// <summary>How the evaluator treats what the API reference leaves to the implementation.</summary>
public sealed record EvaluationOptions
{
    public static EvaluationOptions Default { get; } = new();

    /// <summary>
    /// Ingress from the destination pod's own node (kubelet probes, host-network pods on it) is
    /// always allowed, as the API reference says CNIs must. On by default.
    /// </summary>
    public bool AllowFromOwnNode { get; init; } = true;
}
