using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Engine.Reporting;

/// <summary>
/// Replaces lists and maps that deserialization left null with empty ones. The API types default
/// them to empty, but System.Text.Json's source-generated deserializer sets absent init-only
/// properties to null; the file readers restore the declared defaults, other deserializers (the
/// operator's Kubernetes client) may not, and the reports must not fail on an object without, say, <c>ingress</c>.
/// </summary>
internal static class MissingLists
{
    public static ObservedTraffic Fill(ObservedTraffic traffic)
    {
        var spec = traffic.Spec;
        if (IsComplete(spec))
        {
            return traffic; // the usual case: copy nothing
        }

        return traffic with
        {
            Spec = spec with
            {
                Ingress = [.. (spec.Ingress ?? []).Select(Fill)],
                Egress = [.. (spec.Egress ?? []).Select(Fill)],
                DnsQueries = [.. (spec.DnsQueries ?? []).Select(q => q with
                {
                    Responses = q.Responses ?? new Dictionary<string, long>(),
                    Answers = q.Answers ?? [],
                    Processes = q.Processes ?? [],
                })],
            },
        };
    }

    private static bool IsComplete(ObservedTrafficSpec spec) =>
        spec.Ingress is not null && spec.Egress is not null && spec.DnsQueries is not null &&
        spec.Ingress.Concat(spec.Egress).All(e => e.Processes is not null && e.Samples is not null &&
            (e.Peer.External is null || e.Peer.External.DnsNames is not null) && (e.Peer.Node is null || e.Peer.Node.Addresses is not null)) &&
        spec.DnsQueries.All(q => q.Responses is not null && q.Answers is not null && q.Processes is not null);

    private static TrafficEntry Fill(TrafficEntry entry) => entry with
    {
        Processes = entry.Processes ?? [],
        Samples = entry.Samples ?? [],
        Peer = entry.Peer with
        {
            External = entry.Peer.External is { } external ? external with { DnsNames = external.DnsNames ?? [] } : null,
            Node = entry.Peer.Node is { } node ? node with { Addresses = node.Addresses ?? [] } : null,
        },
    };
}
