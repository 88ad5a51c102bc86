namespace PolicyOperator.Cli.Reporting;

/// <summary>A titled table of text cells, rendered plainly or with Spectre.Console.</summary>
internal sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Said under the title when there are no rows.</summary>
    public string Empty { get; init; } = "(none)";
}
