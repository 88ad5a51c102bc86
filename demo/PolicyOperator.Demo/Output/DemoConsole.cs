using System.Diagnostics;

namespace PolicyOperator.Demo.Output;

/// <summary>
/// Progress as the demo runs: numbered steps, indented details, and the time since the start, so that
/// someone watching sees what happens and a log shows how long each part took.
/// </summary>
internal sealed class DemoConsole(TextWriter output, int totalSteps)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _step;

    /// <summary>Where the tables and the final report go.</summary>
    public TextWriter Output => output;

    /// <summary>Starts the next step.</summary>
    public void Step(string what)
    {
        lock (_gate)
        {
            _step++;
            output.WriteLine();
            output.WriteLine($"[{_step}/{totalSteps}] {what}  ({Elapsed})");
            output.Flush();
        }
    }

    /// <summary>A line under the current step.</summary>
    public void Detail(string line)
    {
        lock (_gate)
        {
            output.WriteLine($"      {line}");
            output.Flush();
        }
    }

    /// <summary>A command the demo runs, shown as a shell would, so it can be repeated by hand.</summary>
    public void Command(IEnumerable<string> words)
    {
        lock (_gate)
        {
            output.WriteLine($"      $ {string.Join(' ', words.Select(Quote))}");
            output.Flush();
        }
    }

    /// <summary>A line outside the steps (headings, the end).</summary>
    public void Line(string line = "")
    {
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private string Elapsed => $"{_clock.Elapsed.TotalSeconds:F1} s";

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+".Contains(c)) ? word : $"'{word.Replace("'", "'\\''")}'";
}
