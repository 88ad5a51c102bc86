using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Ingest.Traffic;

/// <summary>A flow (or a group of flows) that was not turned into traffic, or only partly, and why.</summary>
/// <param name="Source">Where: the file and line or record.</param>
/// <param name="Message">What could not be attributed or resolved.</param>
public sealed record TrafficNote(DocumentSource Source, string Message)
{
    public override string ToString() => $"{Source}: {Message}";
}
