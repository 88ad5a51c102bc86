using System.CommandLine;
using System.Runtime.InteropServices;
using PolicyOperator.Cli;
using PolicyOperator.Demo;
using PolicyOperator.Demo.Cleanup;
using PolicyOperator.Demo.Output;
using PolicyOperator.Demo.Pipeline;
using PolicyOperator.Testing;

var output = new Option<string>("--out", "-o") { Description = "Directory for the inventory, observed traffic, policies and dependency map", DefaultValueFactory = _ => Path.Combine("artifacts", "demo") };
var seconds = new Option<int>("--traffic-seconds") { Description = "How long to observe the application's traffic", DefaultValueFactory = _ => 20 };
var policyctl = new Option<string>("--policyctl") { Description = "The policyctl executable (default: the one built beside the demo)", DefaultValueFactory = _ => Policyctl.BesideDemo };
var records = new Option<string>("--run-records") { Description = "Where runs record what they create (for removing what a killed run left)", DefaultValueFactory = _ => RunRecord.DefaultDirectory, Hidden = true };
var root = new RootCommand("make demo: an Online Boutique-like application in network namespaces, observed with policyctl observe, turned into verified NetworkPolicies.")
{
    output, seconds, policyctl, records,
};

root.SetAction(async (parse, _) =>
{
    if (PrivilegedEnvironment.MissingReason is { } reason)
    {
        await Console.Error.WriteLineAsync($"demo: needs root for eBPF, network namespaces and cgroups (sudo make demo): {reason}");
        return PolicyCtl.ExitUsage;
    }

    // What the pods run: named here rather than failing later inside a network namespace.
    var missing = new[] { "ip", "iptables", "socat", "dnsmasq", "getent" }
        .Where(tool => !(Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, tool))))
        .ToList();
    if (missing.Count > 0)
    {
        await Console.Error.WriteLineAsync($"demo: missing {string.Join(", ", missing)} (make setup installs them)");
        return PolicyCtl.ExitUsage;
    }

    if (parse.GetValue(seconds) < 1)
    {
        await Console.Error.WriteLineAsync("demo: --traffic-seconds must be at least 1");
        return PolicyCtl.ExitUsage;
    }

    // Ctrl-C, SIGTERM and a closed terminal cancel the run; cleanup still runs. A second signal is ignored while it does.
    using var interrupted = new CancellationTokenSource();
    void Interrupt(PosixSignalContext context)
    {
        context.Cancel = true;
        interrupted.Cancel();
    }

    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
    using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Interrupt);

    var options = new DemoOptions(
        Path.GetFullPath(parse.GetValue(output)!), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(policyctl)!, parse.GetValue(records)!);
    var console = new DemoConsole(Console.Out, DemoRun.Steps);
    try
    {
        return await new DemoRun(options, console, terminal: !Console.IsOutputRedirected).RunAsync(interrupted.Token);
    }
    catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
    {
        console.Line("demo: interrupted");
        return 130;
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        // Whatever failed, the run's cleanup has already happened (finally blocks) and said so.
        console.Line($"demo: failed: {e.Message}");
        return PolicyCtl.ExitFindings;
    }
});

// The demo handles termination signals itself (above), so that it always cleans up.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
