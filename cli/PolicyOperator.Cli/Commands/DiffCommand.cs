using System.CommandLine;
using PolicyOperator.Engine.Connectivity;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Cli.Commands;

/// <summary>
/// <c>policyctl diff --from P1 --to P2 --inventory I</c>: which connections between known workloads (and
/// external ranges) become allowed (<c>+</c>) or denied (<c>-</c>) going from one policy set to another.
/// Exit 0 when nothing changes, 1 when something does, 2 for bad input.
/// </summary>
public static class DiffCommand
{
    public static Command Create(TextReader stdin)
    {
        var from = new Option<string[]>("--from")
        {
            Description = "The policies before (files, directories)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var to = new Option<string[]>("--to")
        {
            Description = "The policies after (files, directories)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var inventory = InputOptions.Inventory("the workloads to compare connections between", required: true);
        var command = new Command("diff", "Semantic diff of two policy sets: connections that become allowed or denied.") { from, to, inventory };
        command.SetAction((parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return InputErrors.GuardAsync(stderr, async () =>
            {
                var inputs = new ClusterInputs(stdin, stderr);
                var cluster = await inputs.ReadInventoryAsync(parse.GetRequiredValue(inventory), cancellationToken);
                var before = new PolicySet(await inputs.ReadPoliciesAsync(parse.GetRequiredValue(from), cancellationToken));
                var after = new PolicySet(await inputs.ReadPoliciesAsync(parse.GetRequiredValue(to), cancellationToken));

                var changes = ConnectivityDiff.Compare(new InventoryIndex(cluster), before, after);
                foreach (var change in changes.Where(c => !c.Allowed.IsEmpty))
                {
                    await stdout.WriteLineAsync($"+ {change.Source} => {change.Destination} : {change.Allowed}");
                }

                foreach (var change in changes.Where(c => !c.Denied.IsEmpty))
                {
                    await stdout.WriteLineAsync($"- {change.Source} => {change.Destination} : {change.Denied}");
                }

                var allowed = changes.Count(c => !c.Allowed.IsEmpty);
                var denied = changes.Count(c => !c.Denied.IsEmpty);
                await stdout.WriteLineAsync($"diff: {allowed} connection(s) newly allowed (+), {denied} newly denied (-)");
                return changes.Count == 0 ? PolicyCtl.ExitOk : PolicyCtl.ExitFindings;
            });
        });
        return command;
    }
}
