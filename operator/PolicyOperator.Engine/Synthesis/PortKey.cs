namespace PolicyOperator.Engine.Synthesis;

/// <summary>A protocol and port as enforced; ordered by protocol, then port.</summary>
internal readonly record struct PortKey(string Protocol, int Port) : IComparable<PortKey>
{
    public int CompareTo(PortKey other)
    {
        var byProtocol = string.CompareOrdinal(Protocol, other.Protocol);
        return byProtocol != 0 ? byProtocol : Port.CompareTo(other.Port);
    }

    public override string ToString() => $"{Protocol}/{Port}";
}
