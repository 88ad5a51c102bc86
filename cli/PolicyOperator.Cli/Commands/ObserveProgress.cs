using System.Diagnostics;
using PolicyOperator.Observation;
using PolicyOperator.Observation.Recording;
using PolicyOperator.Observation.Reporting;
using Spectre.Console;

namespace PolicyOperator.Cli.Commands;

/// <summary>Shows flows, peers and drops while observing: a live line on a terminal, plain lines otherwise (stderr).</summary>
internal sealed class ObserveProgress(ObservationSession session, ObservationReporter reporter, TextWriter stderr)
{
    private readonly bool _terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public async Task<int> RunAsync(TimeSpan interval, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var work = body(cancellationToken);
        if (_terminal)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await console.Status().StartAsync("observing", async status =>
            {
                while (await Task.WhenAny(work, Task.Delay(interval, CancellationToken.None)) != work)
                {
                    await reporter.ReportOnceAsync(CancellationToken.None);
                    status.Status(Markup.Escape(Line()));
                }
            });
        }
        else
        {
            while (await Task.WhenAny(work, Task.Delay(interval, CancellationToken.None)) != work)
            {
                await reporter.ReportOnceAsync(CancellationToken.None);
                await stderr.WriteLineAsync($"policyctl observe: {Line()}");
            }
        }

        return await work;
    }

    public async Task SummaryAsync(ObservationRound round, string target)
    {
        var drops = session.Sensor.ReadDrops();
        var unattributed = round.Attribution.Unattributed.Count > 0
            ? $" ({string.Join(", ", round.Attribution.Unattributed.Select(u => $"{u.Key}: {u.Value}"))})"
            : string.Empty;
        await stderr.WriteLineAsync(
            $"policyctl observe: {round.SensorFlows} flows, {round.Traffic.Count} workloads, {round.Peers} entries, " +
            $"{round.Attribution.UnattributedTotal} unattributed{unattributed}, {drops.KernelTotal} dropped by the kernel; " +
            $"written to {(target == "-" ? "stdout" : target)}");
    }

    private string Line()
    {
        var round = reporter.LastRound;
        var drops = session.Sensor.ReadDrops();
        return $"{_elapsed.Elapsed:hh\\:mm\\:ss} flows={round?.SensorFlows ?? 0} workloads={round?.Traffic.Count ?? 0} " +
            $"entries={round?.Peers ?? 0} unattributed={round?.Attribution.UnattributedTotal ?? 0} drops={drops.KernelTotal}";
    }
}
