using System.Diagnostics;

namespace PolicyOperator.Testing.Netns;

/// <summary>Runs host commands (ip, stat, ...) asynchronously and captures their output.</summary>
public static class Commands
{
    /// <summary>Runs a command to its end.</summary>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        using var process = Start(file, args, redirectInput: false);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
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

    /// <summary>Runs a command; throws with its output when it fails.</summary>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        var list = args.ToList();
        var result = await RunAsync(file, list, cancellationToken);
        return result.Succeeded
            ? result.Stdout
            : throw new InvalidOperationException($"{file} {string.Join(' ', list)} exited {result.ExitCode}: {result.Stderr.Trim()}");
    }

    /// <summary>Starts a command with redirected output (and input when asked).</summary>
    public static Process Start(string file, IEnumerable<string> args, bool redirectInput)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
    }
}
