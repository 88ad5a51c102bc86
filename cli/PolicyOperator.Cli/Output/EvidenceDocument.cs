using System.Text.Json.Nodes;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Cli.Output;

/// <summary>
/// The evidence behind every generated rule as one YAML document, kept out of the policies so that
/// their bytes do not change when only counts or times do.
/// </summary>
public static class EvidenceDocument
{
    public static string Write(IEnumerable<SynthesizedPolicy> policies) => KubernetesYaml.Write(new JsonObject
    {
        ["policies"] = new JsonArray([.. policies.Select(p => (JsonNode)new JsonObject
        {
            ["policy"] = $"{p.Policy.Metadata.Namespace}/{p.Policy.Metadata.Name}",
            ["workload"] = $"{p.Workload.Namespace}/{p.Workload.Name}[{p.Workload.Kind}]",
            ["rules"] = new JsonArray([.. p.Evidence.Select(Rule)]),
        })]),
    });

    private static JsonNode Rule(RuleEvidence e)
    {
        var rule = new JsonObject
        {
            ["direction"] = e.Direction.ToString(),
            ["peer"] = e.Peer,
            ["port"] = $"{e.Protocol}/{e.Port}",
            ["connections"] = e.Connections,
        };
        Add(rule, "reason", e.Reason);
        Add(rule, "firstSeen", e.FirstSeen?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add(rule, "lastSeen", e.LastSeen?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        AddList(rule, "processes", e.Processes);
        AddList(rule, "dnsNames", e.DnsNames);
        AddList(rule, "nodes", e.Nodes);
        AddList(rule, "observedPeers", e.ObservedPeers);
        if (e.BytesSent > 0 || e.BytesReceived > 0)
        {
            rule["bytesSent"] = e.BytesSent;
            rule["bytesReceived"] = e.BytesReceived;
        }

        return rule;
    }

    private static void Add(JsonObject rule, string key, string? value)
    {
        if (value is not null)
        {
            rule[key] = value;
        }
    }

    private static void AddList(JsonObject rule, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            rule[key] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
        }
    }
}
