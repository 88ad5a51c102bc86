using System.Globalization;

namespace PolicyOperator.Engine.Graph;

/// <summary>Connections from one node to another, with the ports they used (sorted, like <c>TCP 8080</c>).</summary>
/// <param name="From">Source node id.</param>
/// <param name="To">Destination node id.</param>
/// <param name="Ports">The protocol/port labels.</param>
/// <param name="CrossNamespace">True when both ends are workloads in different namespaces.</param>
/// <param name="Denied">True when a verification found this traffic denied by the policies.</param>
public sealed record GraphEdge(string From, string To, IReadOnlyList<string> Ports, bool CrossNamespace, bool Denied)
{
    /// <summary>More ports of one protocol than this are labelled as a range with a count.</summary>
    public const int PortsListed = 4;

    /// <summary>
    /// The edge's label: <c>TCP 443, UDP 53</c>; many ports of one protocol (ephemeral ports, port scans)
    /// as <c>UDP 32768-60999 (66 ports)</c>, so that one edge cannot cover the map.
    /// </summary>
    public string Label => string.Join(", ", Ports
        .Select(p => p.Split(' ') is [var protocol, var number] && int.TryParse(number, CultureInfo.InvariantCulture, out var n) ? (Protocol: protocol, Port: n, Text: p) : (Protocol: p, Port: -1, Text: p))
        .GroupBy(p => p.Protocol, StringComparer.Ordinal)
        .SelectMany(g => g.Count() <= PortsListed || g.Any(p => p.Port < 0)
            ? g.Select(p => p.Text)
            : [string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Min(p => p.Port)}-{g.Max(p => p.Port)} ({g.Count()} ports)")]));
}
