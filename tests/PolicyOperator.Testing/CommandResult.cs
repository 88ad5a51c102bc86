namespace PolicyOperator.Testing;

/// <summary>How a command ended and what it printed.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>True when the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with what the command printed unless it exited 0.</summary>
    public CommandResult EnsureSuccess(string what) =>
        Succeeded ? this : throw new InvalidOperationException($"{what} exited {ExitCode}: {Stderr.Trim()}{Stdout.Trim()}");
}
