using System.CommandLine;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Verification;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Traffic;

namespace PolicyOperator.Cli.Commands;

/// <summary>
/// <c>policyctl verify --policies P --traffic T [--inventory I]</c>: replays every observed flow against the
/// policies. Exit 0 when all are allowed; 1 with a table of denied flows (and of entries that could not be
/// attributed); 2 for bad input.
/// </summary>
public static class VerifyCommand
{
    public static Command Create(TextReader stdin)
    {
        var policies = InputOptions.Policies("to replay the traffic against", required: true);
        var traffic = InputOptions.Traffic();
        var inventory = InputOptions.Inventory("pod labels, namespaces, nodes");
        var noOwnNode = new Option<bool>("--no-own-node")
        {
            Description = "Do not allow ingress from a pod's own node (by default it is allowed, as kubelet probes need)",
        };
        var command = new Command("verify", "Replay observed flows against NetworkPolicies; exit 1 with the denied ones.")
        {
            policies, traffic, inventory, noOwnNode,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return InputErrors.GuardAsync(stderr, async () =>
            {
                var inputs = new ClusterInputs(stdin, stderr);
                var cluster = await inputs.ReadInventoryAsync(parse.GetValue(inventory), cancellationToken);
                var networkPolicies = await inputs.ReadPoliciesAsync(parse.GetRequiredValue(policies), cancellationToken);
                var index = new InventoryIndex(cluster);
                var read = await inputs.ReadTrafficAsync(parse.GetRequiredValue(traffic), cluster, index, "verify", cancellationToken);
                var observed = read.Traffic;

                var set = new PolicySet(networkPolicies, new EvaluationOptions { AllowFromOwnNode = !parse.GetValue(noOwnNode) });
                var flows = new TrafficFlowConverter(index).Convert(observed);
                var result = FlowVerifier.Verify(set, flows);
                await WriteAsync(stdout, result);
                return result.AllAllowed ? PolicyCtl.ExitOk : PolicyCtl.ExitFindings;
            });
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter stdout, VerificationResult result)
    {
        if (result.Denied.Count > 0)
        {
            var table = new TextTable("SOURCE", "DESTINATION", "PORT", "ISOLATED BY", "OBSERVED IN");
            foreach (var group in result.Denied.GroupBy(d => (
                         Source: d.Observed.Flow.Source.ToString(),
                         Destination: d.Observed.Flow.Destination.ToString(),
                         Port: $"{d.Observed.Flow.Protocol} {d.Observed.Flow.Port}",
                         Side: Describe(d.Verdict))))
            {
                var origins = group.Select(d => d.Observed.Origin.ToString()).Distinct(StringComparer.Ordinal).ToList();
                var seen = origins.Count == 1 ? origins[0] : $"{origins[0]} (+{origins.Count - 1})";
                table.Add(group.Key.Source, group.Key.Destination, group.Key.Port, group.Key.Side, seen);
            }

            await stdout.WriteLineAsync("Denied flows:");
            await table.WriteAsync(stdout);
        }

        if (result.Unattributed.Count > 0)
        {
            await stdout.WriteLineAsync("Entries that could not be attributed (not verified):");
            foreach (var unattributed in result.Unattributed)
            {
                await stdout.WriteLineAsync($"  {unattributed}");
            }
        }

        var allowed = result.Flows - result.Denied.Count;
        await stdout.WriteLineAsync($"verify: {result.Flows} flow(s): {allowed} allowed, {result.Denied.Count} denied, {result.Unattributed.Count} not attributed");
    }

    private static string Describe(FlowVerdict verdict) => verdict.DeniedBy switch
    {
        IsolatingSide.Both => "source egress + destination ingress",
        IsolatingSide.Egress => "source egress",
        _ => "destination ingress",
    };
}
