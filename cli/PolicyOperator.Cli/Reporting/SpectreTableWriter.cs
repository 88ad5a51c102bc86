using Spectre.Console;

namespace PolicyOperator.Cli.Reporting;

/// <summary>Writes <see cref="ReportTable"/>s as Spectre.Console tables, for a terminal.</summary>
internal static class SpectreTableWriter
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ReportTable> tables)
    {
        foreach (var table in tables)
        {
            var rendered = new Table { Title = new TableTitle(Markup.Escape(table.Title)), Border = TableBorder.Rounded };
            foreach (var header in table.Headers)
            {
                rendered.AddColumn(new TableColumn(Markup.Escape(header)));
            }

            foreach (var row in table.Rows)
            {
                rendered.AddRow([.. row.Select(c => new Text(c))]);
            }

            if (table.Rows.Count == 0)
            {
                console.MarkupLine($"[bold]{Markup.Escape(table.Title)}[/]: {Markup.Escape(table.Empty)}");
                continue;
            }

            console.Write(rendered);
        }
    }
}
