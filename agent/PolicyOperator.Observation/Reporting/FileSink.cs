using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Observation.Recording;

namespace PolicyOperator.Observation.Reporting;

/// <summary>
/// Writes ObservedTraffic as YAML (what <c>policyctl generate/verify/graph</c> read): to one
/// multi-document file, to a directory (<c>DIR/&lt;namespace&gt;/&lt;name&gt;.yaml</c>), or to a
/// writer (<c>-</c>, standard output). Files are replaced whole (written aside, then renamed), so a
/// reader never sees half a file. In a directory, as the API server sink does with objects, the file
/// of an object a write no longer has (its workload saw nothing in the retained windows) is removed:
/// files this sink wrote and, on its first write, those of an earlier run that carry the same node
/// label. Other files are never touched.
/// </summary>
public sealed class FileSink : IObservedTrafficSink
{
    private readonly string? _path;
    private readonly TextWriter? _writer;
    private readonly bool _directory;
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private bool _adoptedEarlierRun;

    /// <summary>Writes to <paramref name="path"/>: a directory when it is one or ends with a separator, else a file.</summary>
    public FileSink(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        _directory = Directory.Exists(path) || path.EndsWith('/');
    }

    /// <summary>Writes each batch to <paramref name="writer"/> as one YAML stream.</summary>
    public FileSink(TextWriter writer)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    /// <summary>One YAML stream of the objects (documents separated by <c>---</c>).</summary>
    public static string ToYaml(IEnumerable<ObservedTraffic> traffic) =>
        KubernetesYaml.WriteAll(traffic.Select(t => JsonSerializer.SerializeToNode(t, ApiJson.Options)!));

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<ObservedTraffic> traffic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        if (_writer is not null)
        {
            await _writer.WriteAsync(ToYaml(traffic).AsMemory(), cancellationToken);
            await _writer.FlushAsync(cancellationToken);
            return;
        }

        if (!_directory)
        {
            await ReplaceAsync(_path!, ToYaml(traffic), cancellationToken);
            return;
        }

        if (!_adoptedEarlierRun && EarlierRunFiles(traffic) is { } earlier)
        {
            _files.UnionWith(earlier);
            _adoptedEarlierRun = true;
        }

        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in traffic)
        {
            var file = FileOf(item);
            await ReplaceAsync(file, ToYaml([item]), cancellationToken);
            current.Add(file);
        }

        foreach (var gone in _files.Except(current).ToList())
        {
            File.Delete(gone);
            _files.Remove(gone);
        }

        _files.UnionWith(current);
    }

    private string FileOf(ObservedTraffic item) =>
        Path.GetFullPath(Path.Combine(_path!, item.Metadata.Namespace ?? "default", $"{item.Metadata.Name}.yaml"));

    // Files an earlier run left: ObservedTraffic labelled with a node this write's objects name.
    // Null until a write names its node.
    private List<string>? EarlierRunFiles(IReadOnlyList<ObservedTraffic> traffic)
    {
        var nodes = traffic.Select(t => t.Metadata.Labels?.GetValueOrDefault(TrafficRecorder.NodeLabel)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (nodes.Count == 0)
        {
            return null;
        }

        var found = new List<string>();
        if (!Directory.Exists(_path))
        {
            return found;
        }

        foreach (var file in Directory.EnumerateFiles(_path!, "*.yaml", SearchOption.AllDirectories))
        {
            IReadOnlyList<KubernetesDocument> documents;
            try
            {
                documents = KubernetesDocumentReader.Parse(File.ReadAllText(file), file);
            }
            catch (Exception e) when (e is InvalidInputException or IOException)
            {
                continue; // not ours to judge: left alone
            }

            if (documents is [{ Kind: ObservedTraffic.KindName } document] &&
                document.Json["metadata"]?["labels"]?[TrafficRecorder.NodeLabel] is JsonValue label &&
                label.TryGetValue<string>(out var node) && nodes.Contains(node))
            {
                found.Add(Path.GetFullPath(file));
            }
        }

        return found;
    }

    private static async Task ReplaceAsync(string file, string text, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        var aside = Path.Combine(directory, $".{Path.GetFileName(file)}.tmp");
        await File.WriteAllTextAsync(aside, text, cancellationToken);
        File.Move(aside, file, overwrite: true);
    }
}
