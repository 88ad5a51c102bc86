namespace PolicyOperator.Engine.Evaluation;

/// <summary>One port of a rule: protocol (defaulted to TCP), and all ports, a number or range (endPort), or a name resolved on the destination pod.</summary>
internal sealed record CompiledPort(string Protocol, PortSet? Numbers, string? Name)
{
    public bool Allows(string protocol, int port, FlowEndpoint destination)
    {
        if (protocol != Protocol)
        {
            return false;
        }

        if (Numbers is { } numbers)
        {
            return numbers.Contains(port);
        }

        if (destination.Pod is { } pod)
        {
            var named = pod.NamedPorts;
            for (var i = 0; i < named.Count; i++)
            {
                if (named[i].Port == port && named[i].Name == Name && named[i].Protocol == Protocol)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The ports this allows towards a destination (a named port resolves on the destination pod, or to nothing).</summary>
    public PortSet PortsFor(FlowEndpoint destination) => Numbers ?? Resolve(destination) ?? PortSet.None;

    private PortSet? Resolve(FlowEndpoint destination)
    {
        if (destination.Pod is not { } pod)
        {
            return null;
        }

        foreach (var named in pod.NamedPorts)
        {
            if (named.Name == Name && named.Protocol == Protocol)
            {
                return PortSet.Range(named.Port, named.Port);
            }
        }

        return null;
    }
}
