using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Ingest.Generation;

/// <summary>
/// The synthesis options and output format, read from a <c>PolicyGenerator</c> resource (see
/// docs/policy-generation.md for the fields) and then overridden by flags.
/// </summary>
/// <param name="Options">The synthesis options.</param>
/// <param name="Format">The output format.</param>
public sealed record GeneratorSettings(SynthesisOptions Options, OutputFormat Format)
{
    public const string Kind = "PolicyGenerator";

    public static GeneratorSettings Default { get; } = new(SynthesisOptions.Default, OutputFormat.NetworkPolicy);

    /// <summary>Reads the spec of a PolicyGenerator; unknown values are errors naming the field and place.</summary>
    /// <exception cref="InvalidInputException">The document is not a PolicyGenerator or a field has a bad value.</exception>
    public static GeneratorSettings FromDocument(KubernetesDocument document)
    {
        if (document.Kind != Kind)
        {
            throw new InvalidInputException(document.Source, $"expected a {Kind}, found {(document.Kind.Length > 0 ? document.Kind : "a document without kind")}");
        }

        return FromSpec(document.Json["spec"] as JsonObject ?? [], document.Source);
    }

    /// <summary>Reads a PolicyGenerator's spec as JSON (from a file or from the cluster); errors name the field and <paramref name="source"/>.</summary>
    /// <exception cref="InvalidInputException">A field has a bad value.</exception>
    public static GeneratorSettings FromSpec(JsonObject spec, DocumentSource source)
    {
        var dns = spec["dns"] as JsonObject ?? [];
        var external = spec["externalPeers"] as JsonObject ?? [];
        var defaults = SynthesisOptions.Default;
        var options = new SynthesisOptions
        {
            Dns = new DnsOptions
            {
                Strategy = Enum(dns, "strategy", "spec.dns.strategy", DnsStrategy.Auto, source),
                Namespace = dns["namespace"]?.ToString(),
                PodLabels = (dns["podLabels"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty, StringComparer.Ordinal),
                Addresses = Strings(dns, "addresses"),
                Ports = dns["ports"] is JsonArray ports ? ports.Select(p => Int(p ?? JsonValue.Create(-1), "spec.dns.ports", source)).ToList() : [53],
            },
            IncludeServicePorts = string.Equals(spec["servicePortCompatibility"]?.ToString(), "true", StringComparison.OrdinalIgnoreCase),
            PolicyTypes = Enum(spec, "policyTypes", "spec.policyTypes", PolicyTypesMode.Evidence, source),
            ExternalGroupingThreshold = external["groupThreshold"] is { } t ? Int(t, "spec.externalPeers.groupThreshold", source) : defaults.ExternalGroupingThreshold,
            ExternalIpv4GroupPrefix = external["ipv4PrefixLength"] is { } v4 ? Int(v4, "spec.externalPeers.ipv4PrefixLength", source) : defaults.ExternalIpv4GroupPrefix,
            ExternalIpv6GroupPrefix = external["ipv6PrefixLength"] is { } v6 ? Int(v6, "spec.externalPeers.ipv6PrefixLength", source) : defaults.ExternalIpv6GroupPrefix,
            ExtraVolatileLabels = Strings(spec, "volatileLabels").ToHashSet(StringComparer.Ordinal),
        };
        if (options.Dns.Strategy == DnsStrategy.Custom && options.Dns.PodLabels is not { Count: > 0 } && options.Dns.Addresses.Count == 0)
        {
            throw new InvalidInputException(source, "spec.dns: the Custom strategy needs podLabels (with namespace) or addresses");
        }

        var format = (spec["output"] as JsonObject)?["format"]?.ToString() is { } text ? ParseFormat(text, source) : OutputFormat.NetworkPolicy;
        return new GeneratorSettings(options, format);
    }

    /// <summary><c>networkpolicy</c> or <c>cilium</c> (also the kind names), case-insensitive.</summary>
    public static OutputFormat? TryParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "networkpolicy" => OutputFormat.NetworkPolicy,
        "cilium" or "ciliumnetworkpolicy" => OutputFormat.Cilium,
        _ => null,
    };

    private static OutputFormat ParseFormat(string text, DocumentSource source) =>
        TryParseFormat(text) ?? throw new InvalidInputException(source, $"spec.output.format: '{text}' is not NetworkPolicy or CiliumNetworkPolicy");

    private static T Enum<T>(JsonObject parent, string name, string field, T fallback, DocumentSource source)
        where T : struct, Enum
    {
        if (parent[name]?.ToString() is not { } text)
        {
            return fallback;
        }

        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new InvalidInputException(source, $"{field}: '{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
    }

    private static int Int(JsonNode node, string field, DocumentSource source) =>
        int.TryParse(node.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new InvalidInputException(source, $"{field}: '{node}' is not a non-negative integer");

    private static List<string> Strings(JsonObject parent, string name) =>
        parent[name] is JsonArray array ? array.Select(v => v?.ToString() ?? string.Empty).Where(v => v.Length > 0).ToList() : [];
}
