using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Engine.Connectivity;

/// <summary>How the allowed connections from one peer to another change between two policy sets.</summary>
/// <param name="Source">The source peer's name.</param>
/// <param name="Destination">The destination peer's name.</param>
/// <param name="Allowed">Connections allowed after but not before.</param>
/// <param name="Denied">Connections allowed before but not after.</param>
public sealed record ConnectionChange(string Source, string Destination, ConnectionSet Allowed, ConnectionSet Denied);
