using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>
/// Reads <c>ObservedTraffic</c> resources (YAML or JSON; single, multi-document, or a List) from files,
/// directories or <c>-</c>. Strict: a document of another kind is an error naming its place, because a
/// traffic file that silently lost records would make policies that deny real traffic.
/// </summary>
public sealed class ObservedTrafficReader(KubernetesDocumentReader documents)
{
    /// <summary>Reads every path.</summary>
    /// <exception cref="InvalidInputException">A file cannot be parsed, holds another kind, or a resource is malformed.</exception>
    public async Task<IReadOnlyList<ObservedTraffic>> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken) =>
        FromDocuments(await documents.ReadAsync(paths, cancellationToken));

    /// <summary>Parses text already read (for a caller that detected the format itself).</summary>
    /// <exception cref="InvalidInputException">As <see cref="ReadAsync"/>.</exception>
    public static IReadOnlyList<ObservedTraffic> Parse(string text, string file) =>
        FromDocuments(KubernetesDocumentReader.Parse(text, file));

    /// <summary>Converts documents; every one must be an ObservedTraffic.</summary>
    /// <exception cref="InvalidInputException">A document is of another kind or malformed.</exception>
    public static IReadOnlyList<ObservedTraffic> FromDocuments(IEnumerable<KubernetesDocument> source)
    {
        var result = new List<ObservedTraffic>();
        foreach (var document in source)
        {
            if (document.Kind != ObservedTraffic.KindName || !document.ApiVersion.StartsWith(ObservedTraffic.Group + "/", StringComparison.Ordinal))
            {
                var found = document.Kind.Length > 0 ? $"{document.ApiVersion} {document.Kind}" : "a document without kind";
                throw new InvalidInputException(
                    document.Source,
                    $"expected {ObservedTraffic.Group}/{ObservedTraffic.Version} {ObservedTraffic.KindName}, found {found}");
            }

            result.Add(document.Deserialize<ObservedTraffic>());
        }

        return result;
    }
}
