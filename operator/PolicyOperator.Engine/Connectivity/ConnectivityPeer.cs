using PolicyOperator.Engine.Evaluation;

namespace PolicyOperator.Engine.Connectivity;

/// <summary>An endpoint of the connectivity report: a workload (<c>ns/name[Kind]</c>) or an external address range.</summary>
/// <param name="Name">As np-guard prints it.</param>
/// <param name="Endpoint">What the evaluator evaluates for it (a representative pod, or the range's first address).</param>
/// <param name="IsExternal">True for an address range.</param>
public sealed record ConnectivityPeer(string Name, FlowEndpoint Endpoint, bool IsExternal)
{
    public override string ToString() => Name;
}
