namespace PolicyOperator.Cli.Reporting;

/// <summary>Writes <see cref="ReportTable"/>s as aligned plain text (for pipes, files and tests), each under a <c>== title</c> line.</summary>
internal static class PlainTableWriter
{
    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<ReportTable> tables)
    {
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            if (t > 0)
            {
                await writer.WriteLineAsync();
            }

            await writer.WriteLineAsync($"== {table.Title}");
            if (table.Rows.Count == 0)
            {
                await writer.WriteLineAsync(table.Empty);
                continue;
            }

            var widths = table.Headers.Select((h, i) => Math.Max(h.Length, table.Rows.Max(r => r[i].Length))).ToArray();
            await writer.WriteLineAsync(Line(table.Headers, widths));
            foreach (var row in table.Rows)
            {
                await writer.WriteLineAsync(Line(row, widths));
            }
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
