using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Engine.Connectivity;

/// <summary>What one peer may open to another.</summary>
public sealed record AllowedConnection(ConnectivityPeer Source, ConnectivityPeer Destination, ConnectionSet Connections)
{
    /// <summary>np-guard's line: <c>src =&gt; dst : TCP 8080</c>.</summary>
    public override string ToString() => $"{Source} => {Destination} : {Connections}";
}
