using System.CommandLine;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Graph;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Verification;
using PolicyOperator.Ingest.Traffic;

namespace PolicyOperator.Cli.Commands;

/// <summary>
/// <c>policyctl graph --traffic T [--inventory I] [--policies P] [--format dot|mermaid|html] [--out FILE]</c>:
/// the dependency map of observed traffic. With <c>--policies</c>, flows the policies deny are marked.
/// </summary>
public static class GraphCommand
{
    private static readonly string[] Formats = ["dot", "mermaid", "html"];

    public static Command Create(TextReader stdin)
    {
        var traffic = InputOptions.Traffic();
        var inventory = InputOptions.Inventory("attributes flows, and is needed with --policies");
        var policies = InputOptions.Policies("flows they deny are drawn red and dashed", required: false);
        var format = new Option<string?>("--format", "-f")
        {
            Description = "dot, mermaid or html (default: from the --out extension, else dot)",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--out", "-o") { Description = "File to write (default: standard output)" };
        var command = new Command("graph", "Draw the dependency map of observed traffic as Graphviz DOT, Mermaid or a self-contained HTML page.")
        {
            traffic, inventory, policies, format, output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return InputErrors.GuardAsync(stderr, async () =>
            {
                var inputs = new ClusterInputs(stdin, stderr);
                var cluster = await inputs.ReadInventoryAsync(parse.GetValue(inventory), cancellationToken);
                var index = new InventoryIndex(cluster);
                var read = await inputs.ReadTrafficAsync(parse.GetRequiredValue(traffic), cluster, index, "graph", cancellationToken);
                // A Service peer is drawn as its backend workload, so that both ends of a connection make one edge.
                var observed = ServiceBackends.Resolve(read.Traffic, index);

                var graph = DependencyGraphBuilder.FromTraffic(observed);
                if (parse.GetValue(policies) is { Length: > 0 } policyPaths)
                {
                    var set = new PolicySet(await inputs.ReadPoliciesAsync(policyPaths, cancellationToken), new EvaluationOptions());
                    var result = FlowVerifier.Verify(set, new TrafficFlowConverter(index).Convert(observed));
                    graph = graph.WithDenied(DeniedEdges(observed, result));
                }

                var outPath = parse.GetValue(output);
                var text = Render(graph, parse.GetValue(format) ?? FormatOf(outPath));
                if (outPath is null or "-")
                {
                    await stdout.WriteAsync(text);
                }
                else
                {
                    await File.WriteAllTextAsync(outPath, text, cancellationToken);
                    await stderr.WriteLineAsync($"policyctl graph: wrote {graph.Nodes.Count} node(s), {graph.Edges.Count} edge(s) to {outPath}");
                }

                return PolicyCtl.ExitOk;
            });
        });
        return command;
    }

    private static IEnumerable<(string From, string To)> DeniedEdges(IReadOnlyList<ObservedTraffic> traffic, VerificationResult result)
    {
        var byName = traffic.GroupBy(t => $"{t.Metadata.Namespace}/{t.Metadata.Name}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var denied in result.Denied)
        {
            if (byName.TryGetValue(denied.Observed.Origin.Object, out var observed))
            {
                yield return DependencyGraphBuilder.EdgeOf(observed, denied.Observed.Origin.Direction, denied.Observed.Entry);
            }
        }
    }

    private static string FormatOf(string? path) => Path.GetExtension(path ?? string.Empty).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "html",
        ".mmd" or ".mermaid" or ".md" => "mermaid",
        _ => "dot",
    };

    private static string Render(DependencyGraph graph, string format) => format switch
    {
        "html" => HtmlGraphRenderer.Render(graph),
        "mermaid" => MermaidGraphRenderer.Render(graph),
        _ => DotGraphRenderer.Render(graph),
    };
}
