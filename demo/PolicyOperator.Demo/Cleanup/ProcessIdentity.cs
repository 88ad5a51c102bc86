using System.Globalization;

namespace PolicyOperator.Demo.Cleanup;

/// <summary>
/// A process id with its start time (field 22 of <c>/proc/PID/stat</c>), so that a recorded process is
/// never confused with a later one that reused its id.
/// </summary>
internal sealed record ProcessIdentity(int Pid, ulong StartTime)
{
    /// <summary>This process.</summary>
    public static ProcessIdentity Current => Of(Environment.ProcessId) ?? throw new InvalidOperationException("cannot read /proc/self/stat");

    /// <summary>The identity of a running process, or null when there is none with that id.</summary>
    public static ProcessIdentity? Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return new ProcessIdentity(pid, ulong.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>True while this very process runs.</summary>
    public bool IsRunning => Of(Pid) == this;

    /// <summary>The form stored in a run record: <c>PID:STARTTIME</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pid}:{StartTime}");

    /// <summary>Reads <see cref="ToString"/>'s form.</summary>
    public static ProcessIdentity? Parse(string text) =>
        text.Split(':') is [var pid, var start]
        && int.TryParse(pid, CultureInfo.InvariantCulture, out var p)
        && ulong.TryParse(start, CultureInfo.InvariantCulture, out var s)
            ? new ProcessIdentity(p, s)
            : null;
}
