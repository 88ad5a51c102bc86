namespace PolicyOperator.Engine.Reporting;

/// <summary>Questions one workload asked for one name.</summary>
/// <param name="Source">The workload.</param>
/// <param name="Name">The name, lower case without the root dot.</param>
/// <param name="Queries">Questions asked.</param>
/// <param name="Answers">The addresses answered, sorted.</param>
public sealed record DnsQuestionCount(TrafficSource Source, string Name, long Queries, IReadOnlyList<string> Answers);
