using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Engine.Verification;

/// <summary>An observed traffic entry as a flow the evaluator can judge, with where it came from.</summary>
/// <param name="Flow">The flow (source, destination, protocol, port as enforced).</param>
/// <param name="Traffic">The ObservedTraffic it came from.</param>
/// <param name="Entry">The entry it came from.</param>
public sealed record ReplayedFlow(Flow Flow, ObservedTraffic Traffic, TrafficEntry Entry);
