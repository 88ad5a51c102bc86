using System.Diagnostics;

namespace PolicyOperator.Testing.Netns;

/// <summary>A process running in a test pod (its network namespace and cgroup). Disposing kills it.</summary>
public sealed class PodProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    internal PodProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The process id (the command's own: the launcher execs into it).</summary>
    public int Pid => _process.Id;

    /// <summary>True once it ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its standard input, for commands that read requests from it.</summary>
    public StreamWriter Input => _process.StandardInput;

    /// <summary>Waits for the end; returns how it ended.</summary>
    public async Task<CommandResult> WaitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return new CommandResult(_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>Kills it (and its children) if still running.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }
}
