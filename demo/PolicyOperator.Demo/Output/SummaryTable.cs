namespace PolicyOperator.Demo.Output;

/// <summary>A titled table of text cells (a cell may hold several lines).</summary>
/// <param name="title">What the table shows.</param>
/// <param name="headers">The column headers.</param>
/// <param name="unbroken">Columns whose cells must not be wrapped (file names, to be copied).</param>
internal sealed class SummaryTable(string title, IReadOnlyList<string> headers, IReadOnlySet<string>? unbroken = null)
{
    private readonly List<IReadOnlyList<string>> _rows = [];

    /// <summary>What the table shows.</summary>
    public string Title => title;

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Headers => headers;

    /// <summary>True when the column's cells must not be wrapped.</summary>
    public bool IsUnbroken(string header) => unbroken?.Contains(header) == true;

    /// <summary>The rows, in the order added.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>Adds a row (one cell per header).</summary>
    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Count)
        {
            throw new ArgumentException($"table '{title}' has {headers.Count} columns, the row {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }
}
