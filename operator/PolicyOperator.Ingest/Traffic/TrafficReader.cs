using System.Text;
using System.Text.Json;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Reads traffic from files and directories in any supported format, detected per file from its content:
/// ObservedTraffic (YAML or JSON), Hubble flows, or Inspektor Gadget advisor events. Directories are walked
/// recursively for <c>.json .jsonl .ndjson .yaml .yml .input .log</c> files, in ordinal path order.
/// </summary>
/// <param name="inventory">Used to attribute pods, nodes and Services, where given.</param>
/// <param name="stdin">What <c>-</c> reads; null when standard input is not available.</param>
public sealed class TrafficReader(InventoryIndex? inventory = null, TextReader? stdin = null)
{
    private static readonly string[] Extensions = [".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".input", ".log"];

    private readonly KubernetesDocumentReader _files = new(stdin);

    /// <summary>Reads every file the paths name, in order; workloads reported without labels in one place get the labels they carry in another.</summary>
    /// <exception cref="InvalidInputException">A path does not exist, or a file is malformed (the message names file and line).</exception>
    public async Task<TrafficReadResult> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var result = TrafficReadResult.Empty;
        foreach (var file in ExpandPaths(paths))
        {
            result = result.Concat(Parse(await _files.ReadTextAsync(file, cancellationToken), file));
        }

        return WorkloadSelectors.Fill(result);
    }

    /// <summary>Parses one file's text in the format it holds.</summary>
    /// <exception cref="InvalidInputException">The format is not recognized or the content is malformed.</exception>
    public TrafficReadResult Parse(string text, string file) => Detect(text, file) switch
    {
        TrafficFormat.Empty => TrafficReadResult.Empty,
        TrafficFormat.Hubble => new HubbleFlowReader(inventory).Parse(text, file),
        TrafficFormat.InspektorGadget => new InspektorGadgetEventReader(inventory).Parse(text, file),
        _ => new TrafficReadResult { Traffic = ObservedTrafficReader.Parse(text, file) },
    };

    /// <summary>Which format a file holds, from its first value: a Hubble flow, an advisor event, or else Kubernetes objects.</summary>
    /// <exception cref="InvalidInputException">The first JSON value cannot be parsed or is of no known format.</exception>
    public static TrafficFormat Detect(string text, string file)
    {
        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (start.IsEmpty)
        {
            return TrafficFormat.Empty;
        }

        if (start[0] is not ('{' or '['))
        {
            return TrafficFormat.ObservedTraffic; // YAML
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true, AllowTrailingCommas = true });
        JsonElement first;
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);
            first = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(new DocumentSource(file, (ex.LineNumber ?? 0) + 1), $"invalid JSON: {JsonErrors.Describe(ex)}", ex);
        }

        if (HubbleFlowReader.Recognizes(first))
        {
            return TrafficFormat.Hubble;
        }

        if (InspektorGadgetEventReader.Recognizes(first))
        {
            return TrafficFormat.InspektorGadget;
        }

        var element = first.ValueKind == JsonValueKind.Array && first.GetArrayLength() > 0 ? first[0] : first;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty("kind", out _)
            ? TrafficFormat.ObservedTraffic
            : throw new InvalidInputException(new DocumentSource(file, 1), "unknown traffic format: expected ObservedTraffic resources, Hubble flows (hubble observe -o json) or Inspektor Gadget advisor events");
    }

    /// <summary>The files the paths name: files as given, directories walked recursively for traffic files.</summary>
    /// <exception cref="InvalidInputException">A path does not exist.</exception>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths) => KubernetesDocumentReader.ExpandPaths(paths, Extensions);
}
