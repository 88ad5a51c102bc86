using Spectre.Console;
using Spectre.Console.Rendering;

namespace PolicyOperator.Demo.Output;

/// <summary>
/// Draws <see cref="SummaryTable"/>s with Spectre.Console: rounded borders on a terminal, ASCII borders
/// and no colour in a pipe or a log file (wide enough not to wrap the cells).
/// </summary>
internal static class SummaryRenderer
{
    /// <summary>Writes the tables to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, IEnumerable<SummaryTable> tables, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 200;
        }

        foreach (var summary in tables)
        {
            var table = new Table { Border = terminal ? TableBorder.Rounded : TableBorder.Ascii, Title = new TableTitle(summary.Title) };
            foreach (var header in summary.Headers)
            {
                table.AddColumn(new TableColumn(Markup.Escape(header)) { NoWrap = summary.IsUnbroken(header) });
            }

            foreach (var row in summary.Rows)
            {
                table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
            }

            if (summary.Rows.Count == 0)
            {
                console.WriteLine($"{summary.Title}: (none)");
            }
            else
            {
                console.Write(table);
            }

            console.WriteLine();
        }
    }
}
