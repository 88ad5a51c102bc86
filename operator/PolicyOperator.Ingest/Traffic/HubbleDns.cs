using System.Text.Json;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// The DNS part of Hubble L7 flows (<c>l7.dns</c>, from Cilium's DNS proxy): a REQUEST is a question
/// of the source pod, a RESPONSE an answer to the destination pod, with its rcode and addresses.
/// Hubble knows pods, not processes, so the per-process breakdown is by pod only.
/// </summary>
internal static class HubbleDns
{
    /// <summary>The process name recorded for questions whose process the source does not know.</summary>
    public const string UnknownProcess = "(unknown)";

    /// <summary>The DNS observation of a flow, or null when the flow carries no DNS or its pod is not known.</summary>
    public static DnsObservation? Read(JsonElement flow, string node, PodAttribution attribution)
    {
        if (!flow.TryGetProperty("l7", out var l7) || l7.ValueKind != JsonValueKind.Object ||
            !l7.TryGetProperty("dns", out var dns) || dns.ValueKind != JsonValueKind.Object ||
            HubbleFlowReader.String(dns, "query") is not { Length: > 0 } query)
        {
            return null;
        }

        var isResponse = HubbleFlowReader.String(l7, "type") == "RESPONSE";
        var asker = flow.TryGetProperty(isResponse ? "destination" : "source", out var endpoint) ? endpoint : default;
        if (HubbleFlowReader.String(asker, "pod_name") is not { } pod || HubbleFlowReader.String(asker, "namespace") is not { } ns)
        {
            return null;
        }

        var rcode = isResponse ? DnsResponseCodes.Name(dns.TryGetProperty("rcode", out var r) && r.TryGetInt32(out var code) ? code : 0) : null;
        var workload = attribution.Pod(ns, pod, null, HubbleFlowReader.Labels(asker), HubbleFlowReader.WorkloadHint(asker));
        return new DnsObservation(
            node,
            HubbleFlowReader.Cluster(asker),
            workload,
            pod,
            query.TrimEnd('.').ToLowerInvariant(),
            HubbleFlowReader.Strings(dns, "qtypes").FirstOrDefault() ?? "A",
            rcode,
            isResponse ? HubbleFlowReader.Strings(dns, "ips") : []);
    }
}
