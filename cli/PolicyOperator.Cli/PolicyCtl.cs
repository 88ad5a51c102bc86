using System.CommandLine;
using System.Reflection;
using PolicyOperator.Cli.Commands;

namespace PolicyOperator.Cli;

/// <summary>The policyctl command tree. Each subcommand lives in its own file under Commands/.</summary>
public static class PolicyCtl
{
    /// <summary>Exit code for success.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code when the command ran but found a problem (for example denied flows).</summary>
    public const int ExitFindings = 1;

    /// <summary>Exit code for bad input or usage.</summary>
    public const int ExitUsage = 2;

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build(TextWriter stdout, TextReader? stdin = null)
    {
        stdin ??= TextReader.Null;
        var root = new RootCommand("policyctl: turn observed network traffic into least-privilege Kubernetes NetworkPolicies.");
        var version = new Command("version", "Print the policyctl version.");
        version.SetAction(_ =>
        {
            stdout.WriteLine($"policyctl {Version}");
            return ExitOk;
        });
        root.Subcommands.Add(version);
        root.Subcommands.Add(ConnectivityCommand.Create(stdin));
        root.Subcommands.Add(GenerateCommand.Create(stdin));
        root.Subcommands.Add(VerifyCommand.Create(stdin));
        root.Subcommands.Add(DiffCommand.Create(stdin));
        root.Subcommands.Add(GraphCommand.Create(stdin));
        root.Subcommands.Add(ReportCommand.Create(stdin));
        root.Subcommands.Add(ObserveCommand.Create(stdin));
        return root;
    }

    /// <summary>Parses and runs; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, Console.In, stdout, stderr, cancellationToken);

    /// <summary>Parses and runs with the given standard input (what a <c>-</c> path reads); returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var root = Build(stdout, stdin);
        // Ctrl-C cancels the command's token; observe then stops its command and writes what it saw,
        // which may take a few seconds (the default would end the process after two).
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
        var result = root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is not null)
        {
            // Missing or malformed options are bad usage (exit 2), the same as bad input files.
            foreach (var error in result.Errors)
            {
                await stderr.WriteLineAsync($"policyctl: error: {error.Message}");
            }

            return ExitUsage;
        }

        return await result.InvokeAsync(config, cancellationToken);
    }

    /// <summary>The informational version of this build.</summary>
    public static string Version =>
        typeof(PolicyCtl).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
