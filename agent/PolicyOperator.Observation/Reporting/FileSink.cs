using System.Text.Json;
using PolicyOperator.Api;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Observation.Reporting;

/// <summary>
/// Writes ObservedTraffic as YAML (what <c>policyctl generate/verify/graph</c> read): to one
/// multi-document file, to a directory (<c>DIR/&lt;namespace&gt;/&lt;name&gt;.yaml</c>), or to a
/// writer (<c>-</c>, standard output). Files are replaced whole (written aside, then renamed), so a
/// reader never sees half a file.
/// </summary>
public sealed class FileSink : IObservedTrafficSink
{
    private readonly string? _path;
    private readonly TextWriter? _writer;
    private readonly bool _directory;

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

        foreach (var item in traffic)
        {
            var file = Path.Combine(_path!, item.Metadata.Namespace ?? "default", $"{item.Metadata.Name}.yaml");
            await ReplaceAsync(file, ToYaml([item]), cancellationToken);
        }
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
