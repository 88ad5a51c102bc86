using PolicyOperator.Cli.Commands;

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

            var text = new TextTable([.. table.Headers]);
            foreach (var row in table.Rows)
            {
                text.Add([.. row]);
            }

            await text.WriteAsync(writer);
        }
    }
}
