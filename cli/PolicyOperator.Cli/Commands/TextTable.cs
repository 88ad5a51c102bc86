namespace PolicyOperator.Cli.Commands;

/// <summary>A plain-text table with aligned columns (testable; no terminal needed).</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string[] cells) => _rows.Add(cells);

    public async Task WriteAsync(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        await writer.WriteLineAsync(Format(headers, widths));
        foreach (var row in _rows)
        {
            await writer.WriteLineAsync(Format(row, widths));
        }
    }

    private static string Format(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
