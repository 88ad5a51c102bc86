namespace PolicyOperator.Engine.Evaluation;

/// <summary>A container port with a name on a destination pod: what a named port in a policy resolves to.</summary>
/// <param name="Name">The port's name.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="Port">The number.</param>
public sealed record NamedPort(string Name, string Protocol, int Port);
