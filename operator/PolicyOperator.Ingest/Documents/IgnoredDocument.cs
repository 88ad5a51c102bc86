namespace PolicyOperator.Ingest.Documents;

/// <summary>A document a reader did not use (a kind it does not know), recorded so that nothing is dropped silently.</summary>
/// <param name="Kind">The document's kind (empty when it had none).</param>
/// <param name="Name"><c>namespace/name</c> of the object.</param>
/// <param name="Source">Where it is.</param>
public sealed record IgnoredDocument(string Kind, string Name, DocumentSource Source)
{
    public override string ToString() => $"{Source}: ignored {(Kind.Length > 0 ? Kind : "document without kind")} {Name}";
}
