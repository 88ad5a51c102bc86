using System.CommandLine;
using System.Text.Json;
using PolicyOperator.Cli.Reporting;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Reporting;
using PolicyOperator.Engine.Reporting.Export;
using PolicyOperator.Engine.Reporting.Metrics;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Inventory;
using PolicyOperator.Ingest.Traffic;
using Spectre.Console;

namespace PolicyOperator.Cli.Commands;

/// <summary>
/// <c>policyctl report [question] --traffic T... [--inventory I...] [--to X | --from X] [-o table|json|cilium|allow-list|prometheus] [--top N]</c>:
/// the questions platform and security teams ask of observed traffic, as tables or JSON.
/// </summary>
public static class ReportCommand
{
    private const string Table = "table";
    private const string Json = "json";
    private const string Cilium = "cilium";
    private const string AllowList = "allow-list";
    private const string Prometheus = "prometheus";

    /// <param name="stdin">What <c>-</c> reads.</param>
    public static Command Create(TextReader stdin)
    {
        var question = new Argument<string>("question")
        {
            Description = "dns | names | external | talks | cross-namespace | cross-cluster | hairpin | fqdn | metrics | all (default: all, or talks with --to/--from)",
            DefaultValueFactory = _ => "all",
        };
        question.AcceptOnlyFromAmong([.. ReportQuestions.ByName.Keys]);
        var traffic = InputOptions.Traffic();
        var inventory = InputOptions.Inventory("namespace labels, Services, nodes");
        var to = new Option<string>("--to") { Description = "Who talks to: a DNS name, *.suffix, address/CIDR, namespace/workload, or kubernetes.default.svc" };
        var from = new Option<string>("--from") { Description = "What this talks to (same forms as --to)" };
        var output = new Option<string>("--output", "-o") { Description = "table | json | cilium | allow-list (fqdn) | prometheus (metrics; its default)", DefaultValueFactory = _ => Table };
        output.AcceptOnlyFromAmong(Table, Json, Cilium, AllowList, Prometheus);
        var top = new Option<int>("--top") { Description = "Rows per list", DefaultValueFactory = _ => 20 };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "The cluster DNS domain", DefaultValueFactory = _ => "cluster.local" };
        var environmentLabels = new Option<string[]>("--environment-label")
        {
            Description = "Namespace label keys naming an environment, in order (default: environment, env)",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("report", "Answer questions about observed traffic: DNS hotspots, external endpoints, who talks to what, cross-namespace and cross-cluster traffic, hairpinning, FQDN egress rules.")
        {
            question, traffic, inventory, to, from, output, top, clusterDomain, environmentLabels,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;

            // Tables are drawn with Spectre.Console only on a terminal; pipes, files and tests get plain text.
            var terminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected ? AnsiConsole.Console : null;
            return await InputErrors.GuardAsync(stderr, async () =>
            {
                try
                {
                    var options = new ReportOptions
                    {
                        ClusterDomain = parse.GetValue(clusterDomain)!,
                        EnvironmentLabelKeys = parse.GetValue(environmentLabels) is { Length: > 0 } keys ? keys : ReportOptions.DefaultEnvironmentLabelKeys,
                    };
                    var (asked, target, direction) = Questions(parse.GetValue(question)!, parse.GetValue(to), parse.GetValue(from), options);
                    var format = parse.GetValue(output)!;
                    if (parse.GetValue(top) < 1)
                    {
                        throw new FormatException("--top must be at least 1");
                    }

                    var index = await ReadInventoryAsync(parse.GetValue(inventory), stdin, stderr, cancellationToken);
                    var read = await new TrafficReader(index, stdin).ReadAsync(parse.GetValue(traffic)!, cancellationToken);
                    await ReportReadAsync(read, stderr);
                    var input = new ReportInput(read.Traffic, index, options);
                    return await WriteAsync(input, asked, target, direction, format, parse.GetValue(top), stdout, terminal);
                }
                catch (FormatException ex)
                {
                    await stderr.WriteLineAsync($"policyctl: error: {ex.Message}");
                    return PolicyCtl.ExitUsage;
                }
            });
        });
        return command;
    }

    private static (IReadOnlyList<ReportQuestion> Questions, TrafficTarget? Target, QueryDirection Direction) Questions(string name, string? to, string? from, ReportOptions options)
    {
        if (to is not null && from is not null)
        {
            throw new FormatException("give --to or --from, not both");
        }

        var question = ReportQuestions.ByName[name];
        var targetText = to ?? from;
        var direction = from is not null ? QueryDirection.From : QueryDirection.To;
        if (targetText is not null && question is ReportQuestion.All or ReportQuestion.Talks)
        {
            return ([ReportQuestion.Talks], TrafficTarget.Parse(targetText, options), direction);
        }

        return question switch
        {
            ReportQuestion.Talks => throw new FormatException("the talks question needs --to or --from"),
            _ when targetText is not null => throw new FormatException($"--to and --from go with the talks question, not with {name}"),
            ReportQuestion.All => (ReportQuestions.Everything, null, direction),
            _ => ([question], null, direction),
        };
    }

    private static async Task<int> WriteAsync(
        ReportInput input,
        IReadOnlyList<ReportQuestion> questions,
        TrafficTarget? target,
        QueryDirection direction,
        string format,
        int top,
        TextWriter stdout,
        IAnsiConsole? terminal)
    {
        var metricsOnly = questions is [ReportQuestion.Metrics];
        format = metricsOnly && format == Table ? Prometheus : format;
        if (metricsOnly != (format == Prometheus) && (metricsOnly || format == Prometheus))
        {
            throw new FormatException("the metrics question is written as -o prometheus, and -o prometheus only writes metrics");
        }

        if (format is Cilium or AllowList && questions is not [ReportQuestion.Fqdn])
        {
            throw new FormatException($"-o {format} goes with the fqdn question");
        }

        switch (format)
        {
            case Prometheus:
                var metrics = ReportMetrics.From(DnsHotspotReport.Build(input), ExternalEndpointReport.Build(input));
                await stdout.WriteAsync(PrometheusTextWriter.Write(metrics));
                return PolicyCtl.ExitOk;
            case Cilium:
                var cilium = CiliumFqdnPolicies.Build(FqdnEgressReport.Build(input));
                foreach (var skipped in cilium.Skipped)
                {
                    await stdout.WriteLineAsync($"# {skipped}");
                }

                await stdout.WriteAsync(KubernetesYaml.WriteAll(cilium.Policies));
                return PolicyCtl.ExitOk;
            case AllowList:
                await stdout.WriteAsync(AllowListWriter.Write(FqdnEgressReport.Build(input)));
                return PolicyCtl.ExitOk;
        }

        var document = ReportBuilder.Build(input, questions, target, direction, top);
        if (format == Json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(document, ReportJsonContext.Default.ReportDocument));
        }
        else if (terminal is not null)
        {
            SpectreTableWriter.Write(terminal, ReportTables.From(document));
        }
        else
        {
            await PlainTableWriter.WriteAsync(stdout, ReportTables.From(document));
        }

        return PolicyCtl.ExitOk;
    }

    private static async Task<InventoryIndex?> ReadInventoryAsync(string[]? paths, TextReader stdin, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (paths is not { Length: > 0 })
        {
            return null;
        }

        var result = await new InventoryReader(new KubernetesDocumentReader(stdin)).ReadAsync(paths, cancellationToken);
        if (result.Ignored.Count > 0)
        {
            await stderr.WriteLineAsync($"policyctl: inventory: ignored {result.Ignored.Count} document(s) of kinds a report does not use");
        }

        return new InventoryIndex(result.Inventory);
    }

    /// <summary>Says on stderr what the readers could not attribute or left out, so nothing goes missing silently.</summary>
    private static async Task ReportReadAsync(TrafficReadResult read, TextWriter stderr)
    {
        if (read.Notes.Count > 0)
        {
            await stderr.WriteLineAsync($"policyctl: traffic: {read.Notes.Count} flow(s) not attributed, left out of the report (first: {read.Notes[0]})");
        }

        foreach (var skipped in read.Skipped.GroupBy(s => s.Reason).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await stderr.WriteLineAsync($"policyctl: traffic: skipped {skipped.Sum(s => s.Count)} flow(s): {skipped.Key}");
        }
    }
}
