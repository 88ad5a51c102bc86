using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Engine.Verification;

/// <summary>A flow made from one traffic entry of an ObservedTraffic, with where it came from.</summary>
/// <param name="Flow">What the evaluator evaluates.</param>
/// <param name="Origin">The entry's place (<c>namespace/name spec.egress[3]</c>).</param>
/// <param name="Entry">The entry itself (its evidence).</param>
public sealed record ObservedFlow(Flow Flow, EntryOrigin Origin, TrafficEntry Entry);
