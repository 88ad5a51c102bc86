namespace PolicyOperator.Engine.Evaluation;

/// <summary>
/// The evaluator's answer for one flow: whether each side is isolated, which policies allowed it
/// on each side (<c>namespace/name</c>), and which side denied it.
/// </summary>
public sealed record FlowVerdict
{
    public required bool EgressIsolated { get; init; }

    public required bool IngressIsolated { get; init; }

    /// <summary>Policies of the source whose egress rules allow the flow.</summary>
    public IReadOnlyList<string> AllowedByEgress { get; init; } = [];

    /// <summary>Policies of the destination whose ingress rules allow the flow.</summary>
    public IReadOnlyList<string> AllowedByIngress { get; init; } = [];

    /// <summary>True when ingress was allowed because the source is the destination pod's own node.</summary>
    public bool AllowedAsOwnNode { get; init; }

    public bool EgressAllowed => !EgressIsolated || AllowedByEgress.Count > 0;

    public bool IngressAllowed => !IngressIsolated || AllowedByIngress.Count > 0 || AllowedAsOwnNode;

    public bool Allowed => EgressAllowed && IngressAllowed;

    /// <summary>The sides that denied the flow (None when it is allowed).</summary>
    public IsolatingSide DeniedBy =>
        (EgressAllowed ? IsolatingSide.None : IsolatingSide.Egress) | (IngressAllowed ? IsolatingSide.None : IsolatingSide.Ingress);
}
