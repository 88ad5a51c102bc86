namespace PolicyOperator.Engine.Reporting;

/// <summary>The answer to "who talks to X" (<see cref="QueryDirection.To"/>) or "what does X talk to" (<see cref="QueryDirection.From"/>).</summary>
/// <param name="Target">The target as parsed.</param>
/// <param name="Direction">Which end the target is.</param>
/// <param name="Connections">The matching connections, most first.</param>
/// <param name="Questions">For <see cref="QueryDirection.To"/> a name, Service or the API server: who asked DNS for it, most first.</param>
public sealed record TalksToResult(
    TrafficTarget Target,
    QueryDirection Direction,
    IReadOnlyList<TrafficEdge> Connections,
    IReadOnlyList<DnsQuestionCount> Questions);
