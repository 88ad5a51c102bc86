using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using PolicyOperator.LibBpf;
using PolicyOperator.Observation;
using PolicyOperator.Observation.Attribution;
using PolicyOperator.Observation.Reporting;
using PolicyOperator.Sensor.Loading;

namespace PolicyOperator.Cli.Commands;

/// <summary>
/// <c>policyctl observe [--duration D] [--out FILE|DIR|-] [--inventory FILE] [--interval D] [-- COMMAND ARGS...]</c>:
/// records this host's traffic with the eBPF sensor while COMMAND runs (its exit code is policyctl's),
/// for --duration, or until Ctrl-C, and writes it as ObservedTraffic YAML that generate, verify and
/// graph read. Pods are named from the inventory (cgroup -> pod UID); without one, processes are
/// named by their network namespace, or on the host's own by their command.
/// </summary>
public static class ObserveCommand
{
    /// <param name="stdin">What <c>-</c> reads (an inventory on stdin).</param>
    public static Command Create(TextReader stdin)
    {
        var duration = new Option<string?>("--duration", "-d") { Description = "How long to observe (30s, 5m, 1h); default: until COMMAND exits, or Ctrl-C" };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where the ObservedTraffic YAML goes: a file (rewritten every interval), a directory (DIR/<namespace>/<name>.yaml), or - for stdout at the end",
            DefaultValueFactory = _ => "-",
        };
        var inventory = InputOptions.Inventory("names pods and workloads (cgroup -> pod UID), Services and nodes; without it processes are named by network namespace or command");
        var interval = new Option<string>("--interval") { Description = "How often progress is shown and a file output rewritten", DefaultValueFactory = _ => "5s" };
        var node = new Option<string>("--node") { Description = "The node name to record", DefaultValueFactory = _ => Environment.MachineName };
        var command = new Argument<string[]>("command") { Description = "The command to run and observe (after --)", Arity = ArgumentArity.ZeroOrMore };

        var observe = new Command("observe", "Record this host's network traffic with eBPF (needs root) as ObservedTraffic.")
        {
            duration, output, inventory, interval, node, command,
        };
        observe.SetAction((parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return InputErrors.GuardAsync(stderr, async () =>
            {
                var wait = parse.GetValue(duration) is { } d ? DurationText.TryParse(d) ?? throw Flag("--duration", d) : (TimeSpan?)null;
                var every = DurationText.TryParse(parse.GetValue(interval)) ?? throw Flag("--interval", parse.GetValue(interval)!);
                var run = parse.GetValue(command) ?? [];
                if (!Environment.IsPrivilegedProcess)
                {
                    await stderr.WriteLineAsync("policyctl observe: error: needs root to load the eBPF programs and attach them to the cgroup root (run it with sudo)");
                    return PolicyCtl.ExitUsage;
                }

                var inventoryPaths = parse.GetValue(inventory) ?? [];
                InventorySnapshot? snapshot = inventoryPaths.Length > 0
                    ? new InventorySnapshot(await new ClusterInputs(stdin, stderr).ReadInventoryAsync(inventoryPaths, cancellationToken))
                    : null;
                var target = parse.GetValue(output)!;
                LibBpfMessages.Silence(); // refused optional hooks are the sensor's business, not the user's
                var session = ObservationSession.Start(new ObservationSessionOptions { Node = parse.GetValue(node)!, Sensor = new SensorOptions() });
                await using (session)
                {
                    var periodic = new ObservationReporter(session.Pipeline, session.Flows, () => snapshot, target == "-" ? NullSink.Instance : new FileSink(target), dnsQueries: session.DnsQueries);
                    var progress = new ObserveProgress(session, periodic, stderr);
                    var exitCode = await progress.RunAsync(every, token => WaitAsync(run, wait, stderr, token), cancellationToken);

                    // The final round: everything the sensor saw, written whatever happened above.
                    var final = new ObservationReporter(session.Pipeline, session.Flows, () => snapshot, target == "-" ? new FileSink(stdout) : new FileSink(target), dnsQueries: session.DnsQueries);
                    if (!await final.ReportOnceAsync(CancellationToken.None))
                    {
                        await stderr.WriteLineAsync($"policyctl observe: error: could not write {target}");
                        return PolicyCtl.ExitFindings;
                    }

                    await progress.SummaryAsync(final.LastRound!, target);
                    return exitCode;
                }
            });
        });
        return observe;
    }

    /// <summary>Runs the command to its end, or waits for the duration, or for cancellation; returns the exit code.</summary>
    private static async Task<int> WaitAsync(string[] run, TimeSpan? wait, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (run.Length == 0)
        {
            try
            {
                await Task.Delay(wait ?? Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: stop observing and write what was seen
            }

            return PolicyCtl.ExitOk;
        }

        var start = new ProcessStartInfo(run[0]) { UseShellExecute = false };
        foreach (var argument in run.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{run[0]} did not start");
        }
        catch (Win32Exception e)
        {
            await stderr.WriteLineAsync($"policyctl observe: error: cannot run '{run[0]}': {e.Message}");
            return 127;
        }

        using (process)
        {
            using var deadline = wait is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await process.WaitForExitAsync(either.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C reached the command too (same process group); --duration ends it here.
                if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }

            return process.ExitCode;
        }
    }

    private static Ingest.Documents.InvalidInputException Flag(string flag, string value) =>
        new(new Ingest.Documents.DocumentSource(flag), $"'{value}' is not a duration (30s, 5m, 1h30m, or seconds)");
}
