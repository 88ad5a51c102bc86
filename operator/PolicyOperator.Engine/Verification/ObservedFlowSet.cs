namespace PolicyOperator.Engine.Verification;

/// <summary>The flows made from ObservedTraffic, and the entries that could not be attributed.</summary>
public sealed record ObservedFlowSet(IReadOnlyList<ObservedFlow> Flows, IReadOnlyList<UnattributedFlow> Unattributed);
