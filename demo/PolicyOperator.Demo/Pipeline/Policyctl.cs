using System.Diagnostics;
using PolicyOperator.Demo.Output;
using PolicyOperator.Testing;

namespace PolicyOperator.Demo.Pipeline;

/// <summary>
/// Runs the real policyctl executable (the apphost built beside the demo), showing each command line as
/// a user would type it and passing its progress (stderr) through as it comes.
/// </summary>
internal sealed class Policyctl(string executable, DemoConsole console)
{
    /// <summary>The policyctl built beside this program.</summary>
    public static string BesideDemo => Path.Combine(AppContext.BaseDirectory, "policyctl");

    /// <summary>Runs a command to its end; returns its exit code and what it printed on stdout.</summary>
    public async Task<CommandResult> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken, Action<Process>? started = null)
    {
        console.Command(["policyctl", .. args]);
        using var process = ProcessRunner.Start(executable, args, redirectInput: true, workingDirectory: Environment.CurrentDirectory);
        process.StandardInput.Close();
        started?.Invoke(process);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = RelayAsync(process.StandardError);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    private async Task<string> RelayAsync(StreamReader stderr)
    {
        var all = new System.Text.StringBuilder();
        while (await stderr.ReadLineAsync() is { } line)
        {
            all.AppendLine(line);
            if (line.Length > 0)
            {
                console.Detail($"| {line}");
            }
        }

        return all.ToString();
    }
}
