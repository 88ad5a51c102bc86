using System.Net;
using System.Text.Json;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Reads Inspektor Gadget network-policy advisor input (<c>trace network</c> events) into
/// <see cref="ObservedTraffic"/>: the last format (JSON lines or an array of
/// <c>{"type":"normal","k8s":{...},"pktType":"OUTGOING"|"HOST","proto","port","dst":{"kind":"svc"|"pod"|"raw",...}}</c>)
/// and the 2020-2022 format (<c>{"type":"connect"|"accept","remote_kind",...,"local_pod_*","remote_*"}</c>, TCP).
/// A Service event carries the Service IP and Service port (before DNAT): the port is resolved to the
/// target port through the inventory; without one the Service port is kept and a note says so.
/// </summary>
public sealed class InspektorGadgetEventReader(InventoryIndex? inventory = null)
{
    /// <summary>Parses one file (JSON lines or one JSON array).</summary>
    /// <exception cref="InvalidInputException">The file is not JSON, or an event is malformed; the message names file and line or record.</exception>
    public TrafficReadResult Parse(string text, string file)
    {
        var attribution = new PodAttribution(inventory);
        var aggregator = new FlowAggregator();
        var notes = new List<TrafficNote>();
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (element, source) in Events(text, file))
        {
            string? skipReason = null;
            var flow = IsLegacy(element) ? Legacy(element, source, attribution, notes) : Latest(element, source, attribution, notes, out skipReason);
            if (flow is not null)
            {
                aggregator.Add(flow);
            }
            else if (skipReason is not null)
            {
                skipped[skipReason] = skipped.GetValueOrDefault(skipReason) + 1;
            }
        }

        return new TrafficReadResult
        {
            Traffic = aggregator.Build(),
            Notes = notes,
            Skipped = skipped.Select(s => new SkippedFlows(file, s.Key, s.Value)).ToList(),
        };
    }

    /// <summary>True when the first JSON value of a file looks like an advisor event (or an array of them).</summary>
    public static bool Recognizes(JsonElement first)
    {
        var element = first.ValueKind == JsonValueKind.Array && first.GetArrayLength() > 0 ? first[0] : first;
        return element.ValueKind == JsonValueKind.Object
            && (IsLegacy(element) || element.TryGetProperty("pktType", out _) || (element.TryGetProperty("k8s", out _) && element.TryGetProperty("dst", out _)));
    }

    private static bool IsLegacy(JsonElement element) => element.TryGetProperty("remote_kind", out _) || element.TryGetProperty("local_pod_name", out _);

    private static IEnumerable<(JsonElement Element, DocumentSource Source)> Events(string text, string file)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('['))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException(new DocumentSource(file, (ex.LineNumber ?? 0) + 1), $"invalid JSON: {JsonErrors.Describe(ex)}", ex);
            }

            var record = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                record++;
                yield return (element.Clone(), new DocumentSource(file, Record: record));
            }

            yield break;
        }

        var lineNumber = 0;
        using var lines = new StringReader(text);
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(line);
                element = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException(new DocumentSource(file, lineNumber), $"invalid JSON in an advisor event line: {JsonErrors.Describe(ex)}", ex);
            }

            yield return (element, new DocumentSource(file, lineNumber));
        }
    }

    private static AttributedFlow? Latest(JsonElement e, DocumentSource source, PodAttribution attribution, List<TrafficNote> notes, out string? skipReason)
    {
        skipReason = null;
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException(source, "an advisor event must be a JSON object");
        }

        if (String(e, "type") is { } type && type != "normal")
        {
            skipReason = $"event type {type}: not a traffic event";
            return null;
        }

        var direction = String(e, "pktType") switch
        {
            "OUTGOING" => TrafficDirection.Egress,
            "HOST" => TrafficDirection.Ingress,
            _ => (TrafficDirection?)null,
        };
        if (direction is null)
        {
            skipReason = $"pktType {String(e, "pktType") ?? "(none)"}: neither OUTGOING (egress) nor HOST (ingress)";
            return null;
        }

        var k8s = Object(e, "k8s", source);
        var ns = Required(k8s, "namespace", source);
        var podName = Required(k8s, "podname", source);
        var protocol = Required(e, "proto", source).ToUpperInvariant();
        var port = Port(e, source);
        var labels = Map(e, "podLabels") ?? Map(k8s, "podLabels") ?? Map(k8s, "labels");
        var local = attribution.Pod(ns, podName, null, labels);
        var node = String(k8s, "node") ?? "unknown";

        var dst = Object(e, "dst", source);
        var kind = Required(dst, "kind", source);
        var addr = String(dst, "addr");
        var address = addr is not null && IPAddress.TryParse(addr, out var parsed) ? parsed : null;
        var peerNs = String(dst, "namespace");
        var peerName = String(dst, "name");
        var peerLabels = Map(dst, "podLabels");
        int? servicePort = null;
        TrafficPeer peer;
        switch (kind)
        {
            case "svc" when peerNs is not null && peerName is not null:
                (peer, port, servicePort) = Service(peerNs, peerName, addr, peerLabels, protocol, port, source, attribution, notes);
                break;
            case "pod" when peerNs is not null && peerName is not null:
                peer = new TrafficPeer { Type = PeerType.Workload, Workload = attribution.Pod(peerNs, peerName, address, peerLabels) };
                break;
            case "raw" when address is not null:
                peer = attribution.ByAddress(address, node) ?? new TrafficPeer { Type = PeerType.External, External = new ExternalPeer { Cidr = Engine.Addressing.CanonicalCidr.Of(address).ToString() } };
                break;
            default:
                notes.Add(new TrafficNote(source, $"destination of kind '{kind}' without the fields it needs (namespace and name, or addr) could not be attributed"));
                return null;
        }

        return new AttributedFlow(node, local, direction.Value, peer, protocol, port, servicePort, null);
    }

    private static AttributedFlow? Legacy(JsonElement e, DocumentSource source, PodAttribution attribution, List<TrafficNote> notes)
    {
        var direction = Required(e, "type", source) switch
        {
            "connect" => TrafficDirection.Egress,
            "accept" => TrafficDirection.Ingress,
            var other => throw new InvalidInputException(source, $"event type '{other}': expected connect or accept"),
        };
        var ns = Required(e, "local_pod_namespace", source);
        var podName = Required(e, "local_pod_name", source);
        var owner = String(e, "local_pod_owner");
        var hint = owner is null ? ((string, string)?)null : (PodNames.InferWorkload(podName).Kind is var k && k != "Pod" ? k : "Deployment", owner);
        var local = attribution.Pod(ns, podName, null, Map(e, "local_pod_labels"), hint);
        var port = Port(e, source);
        int? servicePort = null;
        TrafficPeer peer;
        switch (Required(e, "remote_kind", source))
        {
            case "svc":
                (peer, port, servicePort) = Service(
                    Required(e, "remote_svc_namespace", source), Required(e, "remote_svc_name", source), null,
                    Map(e, "remote_svc_label_selector"), "TCP", port, source, attribution, notes);
                break;
            case "pod":
                peer = new TrafficPeer
                {
                    Type = PeerType.Workload,
                    Workload = attribution.Pod(Required(e, "remote_pod_namespace", source), Required(e, "remote_pod_name", source), null, Map(e, "remote_pod_labels")),
                };
                break;
            case var other:
                notes.Add(new TrafficNote(source, $"remote_kind '{other}' could not be attributed"));
                return null;
        }

        return new AttributedFlow("unknown", local, direction, peer, "TCP", port, servicePort, null);
    }

    /// <summary>A Service destination: selected by its spec.selector; the Service port resolved to the target port where the inventory allows.</summary>
    private static (TrafficPeer Peer, int Port, int? ServicePort) Service(
        string ns, string name, string? clusterIp, IReadOnlyDictionary<string, string>? eventSelector, string protocol, int servicePort,
        DocumentSource source, PodAttribution attribution, List<TrafficNote> notes)
    {
        var service = attribution.Services?.Find(ns, name);
        var selector = service is not null ? service.Spec.Selector : eventSelector is { Count: > 0 } ? eventSelector : null;
        var peer = new ServicePeer
        {
            Name = name,
            Namespace = ns,
            Selector = selector,
            ClusterIp = clusterIp,
            EndpointAddresses = service is not null && selector is null ? attribution.Services!.EndpointAddresses(ns, name) : null,
        };
        var target = service is null ? null : attribution.Services!.TargetPort(service, servicePort, protocol);
        if (target is null)
        {
            var why = service is null ? "the Service is not in the inventory" : $"the Service has no {protocol} port {servicePort} or its named target port is not resolvable";
            notes.Add(new TrafficNote(source, $"Service {ns}/{name} port {servicePort}: target port unknown ({why}); the Service port is used"));
        }

        var port = target ?? servicePort;
        return (new TrafficPeer { Type = PeerType.Service, Service = peer }, port, port != servicePort ? servicePort : null);
    }

    private static int Port(JsonElement e, DocumentSource source) =>
        e.TryGetProperty("port", out var p) && p.TryGetInt32(out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidInputException(source, "missing or invalid 'port' (1-65535)");

    private static JsonElement Object(JsonElement e, string name, DocumentSource source) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : throw new InvalidInputException(source, $"missing object '{name}'");

    private static string Required(JsonElement e, string name, DocumentSource source) =>
        String(e, name) ?? throw new InvalidInputException(source, $"missing string '{name}'");

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string>? Map(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : null;
}
