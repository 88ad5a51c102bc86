using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Engine.Verification;

/// <summary>An observed flow the policies deny, with the verdict saying which side isolated it.</summary>
public sealed record DeniedFlow(ObservedFlow Observed, FlowVerdict Verdict);
