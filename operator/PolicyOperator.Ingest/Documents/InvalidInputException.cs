namespace PolicyOperator.Ingest.Documents;

/// <summary>Input that cannot be read: the message names the file and the line or record, and what is wrong.</summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(DocumentSource source, string problem, Exception? inner = null)
        : base($"{source}: {problem}", inner)
    {
        Source = source;
        Problem = problem;
    }

    /// <summary>Where the bad input is.</summary>
    public new DocumentSource Source { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
