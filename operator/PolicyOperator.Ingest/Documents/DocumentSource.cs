namespace PolicyOperator.Ingest.Documents;

/// <summary>
/// Where a document came from: the file (or <c>-</c> for stdin), and the line (YAML) or the record
/// number and byte offset (JSON), so that every error can name the place to fix.
/// </summary>
/// <param name="File">The file as the user named it, or <c>-</c> for standard input.</param>
/// <param name="Line">The 1-based line where the document (or the failing node) starts, where known.</param>
/// <param name="Record">The 1-based record number in the file (document or list item), where known.</param>
/// <param name="BytePosition">The byte offset of the record in the file, for JSON.</param>
public sealed record DocumentSource(string File, long? Line = null, int? Record = null, long? BytePosition = null)
{
    /// <summary><c>file:line</c>, or <c>file: record N (byte B)</c>.</summary>
    public override string ToString()
    {
        if (Line is { } line)
        {
            return Record is { } r ? $"{File}:{line} (record {r})" : $"{File}:{line}";
        }

        var text = File;
        if (Record is { } record)
        {
            text += $": record {record}";
        }

        if (BytePosition is { } position)
        {
            text += $" (byte {position})";
        }

        return text;
    }
}
