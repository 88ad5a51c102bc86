namespace PolicyOperator.Engine.Reporting;

/// <summary>The answer to "what crosses cluster boundaries".</summary>
/// <param name="Clusters">The clusters the records come from (sorted; unnamed records are left out).</param>
/// <param name="Flows">Cross-cluster connections, most first.</param>
public sealed record CrossClusterTraffic(IReadOnlyList<string> Clusters, IReadOnlyList<CrossClusterFlow> Flows);
