namespace PolicyOperator.Engine.Evaluation;

/// <summary>One ingress or egress rule: any of its peers (none listed: any peer) on any of its ports (none listed: all).</summary>
internal sealed class CompiledRule(CompiledPeer[]? peers, CompiledPort[]? ports)
{
    public IEnumerable<CompiledPeer> Peers => peers ?? [];

    public bool MatchesPeer(FlowEndpoint peer)
    {
        if (peers is null)
        {
            return true;
        }

        foreach (var candidate in peers)
        {
            if (candidate.Matches(peer))
            {
                return true;
            }
        }

        return false;
    }

    public bool AllowsPort(string protocol, int port, FlowEndpoint destination)
    {
        if (ports is null)
        {
            return true;
        }

        foreach (var candidate in ports)
        {
            if (candidate.Allows(protocol, port, destination))
            {
                return true;
            }
        }

        return false;
    }

    public ConnectionSet ConnectionsTo(FlowEndpoint destination)
    {
        if (ports is null)
        {
            return ConnectionSet.All;
        }

        var result = ConnectionSet.None;
        foreach (var port in ports)
        {
            result = result.Union(ConnectionSet.Of(port.Protocol, port.PortsFor(destination)));
        }

        return result;
    }
}
