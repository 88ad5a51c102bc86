using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolicyOperator.Ingest.Documents;

/// <summary>
/// Reads Kubernetes objects from files, directories (recursively: .yaml, .yml, .json, in ordinal
/// path order) or standard input (<c>-</c>). The format is detected from the content: JSON (one
/// value, several values, or JSON lines) or YAML (one or several documents). Lists
/// (<c>kind: List</c>, <c>PodList</c>, a JSON array) are expanded into their items.
/// </summary>
/// <param name="stdin">What <c>-</c> reads; null when standard input is not available.</param>
public sealed class KubernetesDocumentReader(TextReader? stdin = null)
{
    /// <summary>The name used for standard input in paths and messages.</summary>
    public const string StandardInput = "-";

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Reads every document of every path, in order.</summary>
    /// <exception cref="InvalidInputException">A file cannot be parsed, or a path does not exist.</exception>
    public async Task<IReadOnlyList<KubernetesDocument>> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var documents = new List<KubernetesDocument>();
        foreach (var file in ExpandPaths(paths))
        {
            var text = await ReadTextAsync(file, cancellationToken);
            documents.AddRange(Parse(text, file));
        }

        return documents;
    }

    /// <summary>The files a set of paths names: files as given, directories walked recursively.</summary>
    /// <exception cref="InvalidInputException">A path does not exist.</exception>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths) => ExpandPaths(paths, Extensions);

    /// <summary>The files a set of paths names, directories walked for files with the given extensions.</summary>
    /// <exception cref="InvalidInputException">A path does not exist.</exception>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths, IReadOnlyCollection<string> extensions)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (path == StandardInput || File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory
                    .EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                throw new InvalidInputException(new DocumentSource(path), "no such file or directory");
            }
        }

        return files;
    }

    /// <summary>Parses text (JSON or YAML, detected) into documents, naming <paramref name="file"/> in errors.</summary>
    /// <exception cref="InvalidInputException">The text is not valid JSON/YAML or holds something other than objects.</exception>
    public static IReadOnlyList<KubernetesDocument> Parse(string text, string file)
    {
        var first = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        return first.Length > 0 && (first[0] == '{' || first[0] == '[') ? ParseJson(text, file) : ParseYaml(text, file);
    }

    /// <summary>The text of a file, or of standard input for <c>-</c>.</summary>
    /// <exception cref="InvalidInputException">The file cannot be read, or standard input is not available.</exception>
    public async Task<string> ReadTextAsync(string file, CancellationToken cancellationToken)
    {
        if (file == StandardInput)
        {
            return stdin is null
                ? throw new InvalidInputException(new DocumentSource(file), "standard input is not available")
                : await stdin.ReadToEndAsync(cancellationToken);
        }

        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(new DocumentSource(file), ex.Message, ex);
        }
    }

    private static List<KubernetesDocument> ParseYaml(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new InvalidInputException(new DocumentSource(file, ex.Start.Line), $"invalid YAML: {ex.Message}", ex);
        }

        var documents = new List<KubernetesDocument>();
        var converter = new YamlJsonConverter(file);
        var record = 0;
        foreach (var yaml in stream.Documents)
        {
            record++;
            var json = converter.Convert(yaml.RootNode);
            if (json is null)
            {
                continue; // an empty document (`---` alone, or only comments)
            }

            var source = new DocumentSource(file, yaml.RootNode.Start.Line, record);
            Expand(json, source, converter.LineOf, documents);
        }

        return documents;
    }

    private static List<KubernetesDocument> ParseJson(string text, string file)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var documents = new List<KubernetesDocument>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var record = 0;
        var (lineStart, line) = (0L, 1L);
        try
        {
            while (reader.Read())
            {
                record++;
                var start = reader.TokenStartIndex;
                line += CountLines(bytes, lineStart, start);
                lineStart = start;
                var json = JsonNode.Parse(ref reader);
                if (json is null)
                {
                    continue;
                }

                var source = new DocumentSource(file, line, record, start);
                Expand(json, source, null, documents);
            }
        }
        catch (JsonException ex)
        {
            var source = new DocumentSource(file, ex.LineNumber + 1, record);
            throw new InvalidInputException(source, $"invalid JSON: {FirstSentence(ex.Message)}", ex);
        }

        return documents;
    }

    private static void Expand(JsonNode json, DocumentSource source, Func<JsonNode, long?>? lineOf, List<KubernetesDocument> into)
    {
        switch (json)
        {
            case JsonArray array:
                AddItems(array, source, null, lineOf, into);
                break;
            case JsonObject obj when IsList(obj, out var itemKind):
                AddItems(obj["items"] as JsonArray ?? [], source, (itemKind, obj["apiVersion"]?.ToString()), lineOf, into);
                break;
            case JsonObject obj:
                into.Add(new KubernetesDocument(obj, source, lineOf));
                break;
            default:
                throw new InvalidInputException(source, $"expected a Kubernetes object, found a {json.GetValueKind()}");
        }
    }

    private static void AddItems(
        JsonArray items,
        DocumentSource listSource,
        (string? Kind, string? ApiVersion)? defaults,
        Func<JsonNode, long?>? lineOf,
        List<KubernetesDocument> into)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var itemSource = listSource with { Line = (items[i] is { } n ? lineOf?.Invoke(n) : null) ?? listSource.Line, Record = i + 1 };
            if (items[i] is not JsonObject item)
            {
                throw new InvalidInputException(itemSource, $"list item {i + 1} is not a Kubernetes object");
            }

            // Items of a typed list (PodList) may omit kind and apiVersion; they are the list's.
            if (defaults is { Kind: { Length: > 0 } kind } && item["kind"] is null)
            {
                item["kind"] = kind;
                item["apiVersion"] ??= defaults.Value.ApiVersion;
            }

            into.Add(new KubernetesDocument(item, itemSource, lineOf));
        }
    }

    private static bool IsList(JsonObject obj, out string? itemKind)
    {
        itemKind = null;
        var kind = obj["kind"]?.GetValueKind() == JsonValueKind.String ? obj["kind"]!.GetValue<string>() : null;
        if (kind is null || !kind.EndsWith("List", StringComparison.Ordinal) || obj["items"] is not (JsonArray or null))
        {
            return false;
        }

        itemKind = kind == "List" ? null : kind[..^"List".Length];
        return true;
    }

    private static long CountLines(byte[] bytes, long from, long to) =>
        bytes.AsSpan((int)from, (int)(to - from)).Count((byte)'\n');

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
