using System.Globalization;
using System.Net;
using System.Text.Json;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Reads <c>hubble observe -o json</c> output (one <c>{"flow":{...},"node_name":...,"time":...}</c> per line)
/// into <see cref="ObservedTraffic"/>. Traffic to allow is the non-reply flows (<c>is_reply</c> false or absent)
/// with verdict FORWARDED or AUDIT, in both directions; everything else is counted in
/// <see cref="TrafficReadResult.Skipped"/> by reason. ICMP flows are skipped and counted too: a NetworkPolicy
/// has no ICMP rules. Workloads come from the inventory where given, else from the flow's <c>k8s:</c> labels,
/// <c>workloads</c> field and pod name.
/// </summary>
public sealed class HubbleFlowReader(Engine.Inventory.InventoryIndex? inventory = null)
{
    private const string LabelSource = "k8s:";
    private const string ClusterLabel = "io.cilium.k8s.policy.cluster";

    /// <summary>Parses the lines of one file.</summary>
    /// <exception cref="InvalidInputException">A line is not JSON or not a Hubble flow; the message names the file and line.</exception>
    public TrafficReadResult Parse(string text, string file)
    {
        var attribution = new PodAttribution(inventory);
        var aggregator = new FlowAggregator();
        var notes = new List<TrafficNote>();
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using var lines = new StringReader(text);
        var lineNumber = 0;
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var source = new DocumentSource(file, lineNumber);
            using var document = ParseLine(line, source);
            var flow = FlowOf(document.RootElement, source);
            if (HubbleDns.Read(flow, String(flow, "node_name") ?? String(document.RootElement, "node_name") ?? "unknown", attribution) is { } question)
            {
                aggregator.AddDns(question);
            }

            var outcome = Attribute(flow, document.RootElement, attribution, out var observed);
            if (observed is not null)
            {
                aggregator.Add(observed);
            }
            else if (outcome.Unattributed)
            {
                notes.Add(new TrafficNote(source, outcome.Reason));
            }
            else
            {
                skipped[outcome.Reason] = skipped.GetValueOrDefault(outcome.Reason) + 1;
            }
        }

        return new TrafficReadResult
        {
            Traffic = aggregator.Build(),
            Notes = notes,
            Skipped = skipped.Select(s => new SkippedFlows(file, s.Key, s.Value)).ToList(),
        };
    }

    /// <summary>True when the first JSON value of a file looks like a Hubble flow.</summary>
    public static bool Recognizes(JsonElement first) =>
        first.ValueKind == JsonValueKind.Object && (first.TryGetProperty("flow", out _) || (first.TryGetProperty("verdict", out _) && first.TryGetProperty("source", out _)));

    private static JsonDocument ParseLine(string line, DocumentSource source)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(source, $"invalid JSON in a Hubble flow line: {JsonErrors.Describe(ex)}", ex);
        }
    }

    private static JsonElement FlowOf(JsonElement root, DocumentSource source)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("flow", out var flow) && flow.ValueKind == JsonValueKind.Object)
        {
            return flow;
        }

        return Recognizes(root) ? root : throw new InvalidInputException(source, "not a Hubble flow: expected {\"flow\":{...}} per line");
    }

    private static (bool Unattributed, string Reason) Attribute(JsonElement flow, JsonElement root, PodAttribution attribution, out AttributedFlow? observed)
    {
        observed = null;
        var verdict = String(flow, "verdict") ?? "(none)";
        if (verdict is not ("FORWARDED" or "AUDIT"))
        {
            return (false, $"verdict {verdict}: only FORWARDED and AUDIT flows are traffic to allow");
        }

        var isReply = flow.TryGetProperty("is_reply", out var reply) ? reply.ValueKind == JsonValueKind.True : flow.TryGetProperty("reply", out var old) && old.ValueKind == JsonValueKind.True;
        if (isReply)
        {
            return (false, "reply: the connection is counted from its request");
        }

        var direction = String(flow, "traffic_direction") switch
        {
            "INGRESS" => TrafficDirection.Ingress,
            "EGRESS" => TrafficDirection.Egress,
            _ => (TrafficDirection?)null,
        };
        if (direction is null)
        {
            return (false, "no traffic_direction: not attributable to an endpoint's ingress or egress");
        }

        if (!Ports(flow, out var protocol, out var port, out var l4))
        {
            return l4 is "ICMPv4" or "ICMPv6"
                ? (false, $"{l4}: a NetworkPolicy cannot express ICMP")
                : (false, $"no TCP, UDP or SCTP destination port ({l4 ?? "no l4"})");
        }

        var ip = flow.TryGetProperty("IP", out var ipElement) ? ipElement : default;
        var (localSide, peerSide) = direction == TrafficDirection.Egress ? ("source", "destination") : ("destination", "source");
        var localEndpoint = flow.TryGetProperty(localSide, out var l) ? l : default;
        var peerEndpoint = flow.TryGetProperty(peerSide, out var p) ? p : default;
        var localIp = Address(ip, localSide);
        var peerIp = Address(ip, peerSide);
        var node = String(flow, "node_name") ?? String(root, "node_name") ?? "unknown";

        if (String(localEndpoint, "pod_name") is not { } podName || String(localEndpoint, "namespace") is not { } ns)
        {
            return (false, $"{direction.Value.ToString().ToLowerInvariant()} of a non-pod endpoint ({Reserved(localEndpoint) ?? "no identity"}): no policy applies to it");
        }

        var local = attribution.Pod(ns, podName, localIp, Labels(localEndpoint), WorkloadHint(localEndpoint));
        var names = Strings(flow, direction == TrafficDirection.Egress ? "destination_names" : "source_names");
        var peer = Peer(peerEndpoint, peerIp, names, node, attribution);
        if (peer is null)
        {
            return (true, $"{peerSide} {peerIp?.ToString() ?? "(no IP)"} ({Reserved(peerEndpoint) ?? "no identity"}) of {local.Namespace}/{local.Name} could not be attributed");
        }

        var time = String(flow, "time") ?? String(root, "time");
        observed = new AttributedFlow(node, local, direction.Value, peer, protocol, port, null,
            time is not null && DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null,
            Cluster(localEndpoint));
        return (false, string.Empty);
    }

    private static TrafficPeer? Peer(JsonElement endpoint, IPAddress? ip, IReadOnlyList<string> names, string node, PodAttribution attribution)
    {
        if (String(endpoint, "pod_name") is { } podName && String(endpoint, "namespace") is { } ns)
        {
            return new TrafficPeer { Type = PeerType.Workload, Workload = attribution.Pod(ns, podName, ip, Labels(endpoint), WorkloadHint(endpoint)) };
        }

        // An identity with pod labels but no pod name (the remote side of a flow, often): its namespace and labels select it.
        if (Labels(endpoint) is { Count: > 0 } labels && Namespace(endpoint) is { } labelledNs)
        {
            var name = labels.GetValueOrDefault("app") ?? labels.GetValueOrDefault("app.kubernetes.io/name") ?? labels.GetValueOrDefault("k8s-app") ?? $"identity-{Number(endpoint, "identity")}";
            var byIp = ip is null ? null : attribution.ByAddress(ip, node);
            return byIp?.Workload is not null ? byIp : new TrafficPeer { Type = PeerType.Workload, Workload = attribution.Pod(labelledNs, name, ip, labels, ("Unknown", name)) };
        }

        var known = ip is null ? null : attribution.ByAddress(ip, node);
        var address = ip?.ToString();
        return Reserved(endpoint) switch
        {
            "reserved:host" => new TrafficPeer { Type = PeerType.Node, Node = new NodePeer { Name = node, IsLocal = true, Addresses = address is null ? [] : [address] } },
            "reserved:remote-node" => known ?? (address is null ? null : new TrafficPeer { Type = PeerType.Node, Node = new NodePeer { Addresses = [address] } }),
            "reserved:kube-apiserver" => new TrafficPeer
            {
                Type = PeerType.Service,
                Service = new ServicePeer { Name = "kubernetes", Namespace = "default", EndpointAddresses = address is null ? null : [address] },
            },
            "reserved:world" => known ?? (address is null ? null : new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = $"{address}/{(ip!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}", DnsNames = names } }),
            _ => known,
        };
    }

    private static bool Ports(JsonElement flow, out string protocol, out int port, out string? l4Kind)
    {
        (protocol, port, l4Kind) = (string.Empty, 0, null);
        if (!flow.TryGetProperty("l4", out var l4) || l4.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in l4.EnumerateObject())
        {
            l4Kind = property.Name;
            if (property.Name is "TCP" or "UDP" or "SCTP" && property.Value.TryGetProperty("destination_port", out var p) && p.TryGetInt32(out port) && port > 0)
            {
                protocol = property.Name;
                return true;
            }
        }

        return false;
    }

    /// <summary>The cluster Cilium labels an endpoint with (<c>io.cilium.k8s.policy.cluster</c>), where it does.</summary>
    internal static string? Cluster(JsonElement endpoint) =>
        Strings(endpoint, "labels")
            .Where(l => l.StartsWith(LabelSource + ClusterLabel + "=", StringComparison.Ordinal))
            .Select(l => l[(LabelSource.Length + ClusterLabel.Length + 1)..])
            .FirstOrDefault(c => c.Length > 0);

    internal static Dictionary<string, string> Labels(JsonElement endpoint)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in Strings(endpoint, "labels"))
        {
            if (!label.StartsWith(LabelSource, StringComparison.Ordinal))
            {
                continue;
            }

            var pair = label[LabelSource.Length..];
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            // Cilium adds its own identity labels (namespace labels, policy cluster, service account): not pod labels.
            if (!key.StartsWith("io.cilium.", StringComparison.Ordinal) && key != "io.kubernetes.pod.namespace")
            {
                labels[key] = eq < 0 ? string.Empty : pair[(eq + 1)..];
            }
        }

        return labels;
    }

    internal static (string Kind, string Name)? WorkloadHint(JsonElement endpoint)
    {
        if (endpoint.ValueKind == JsonValueKind.Object && endpoint.TryGetProperty("workloads", out var workloads) && workloads.ValueKind == JsonValueKind.Array)
        {
            foreach (var workload in workloads.EnumerateArray())
            {
                if (String(workload, "name") is { } name && String(workload, "kind") is { } kind)
                {
                    return (kind, name);
                }
            }
        }

        return null;
    }

    private static string? Namespace(JsonElement endpoint) =>
        String(endpoint, "namespace")
        ?? Strings(endpoint, "labels").Where(l => l.StartsWith("k8s:io.kubernetes.pod.namespace=", StringComparison.Ordinal)).Select(l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]).FirstOrDefault();

    private static long Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;

    private static string? Reserved(JsonElement endpoint) =>
        Strings(endpoint, "labels").Where(l => l.StartsWith("reserved:", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();

    private static IPAddress? Address(JsonElement ip, string side) =>
        String(ip, side) is { } text && IPAddress.TryParse(text, out var address) ? address : null;

    internal static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static List<string> Strings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
