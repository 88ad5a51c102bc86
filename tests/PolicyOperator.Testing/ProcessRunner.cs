using System.Diagnostics;

namespace PolicyOperator.Testing;

/// <summary>Runs real command-line tools (ip, helm, kubectl, clang, policyctl, ...) for tests and captures what they print.</summary>
public static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="file"/> to its end; never throws for a non-zero exit. Cancelling kills the
    /// process tree. An environment value of null removes that variable.
    /// </summary>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        using var process = Start(file, args, redirectInput: true, workingDirectory, environment);
        process.StandardInput.Close();
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

    /// <summary>Runs a command; returns its stdout, or throws with its output when it fails.</summary>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        var list = args.ToList();
        var result = await RunAsync(file, list, cancellationToken: cancellationToken);
        return result.EnsureSuccess($"{file} {string.Join(' ', list)}").Stdout;
    }

    /// <summary>Starts a command with redirected output (and input when asked); the caller owns the process.</summary>
    public static Process Start(string file, IEnumerable<string> args, bool redirectInput, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                psi.Environment.Remove(key);
            }
            else
            {
                psi.Environment[key] = value;
            }
        }

        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
    }
}
