using System.CommandLine;
using PolicyOperator.Engine.Connectivity;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Cli.Commands;

/// <summary>
/// <c>policyctl connectivity --inventory I [--policies P]</c>: the allowed connections between
/// workloads (and external address ranges), one line per pair in np-guard's format.
/// </summary>
public static class ConnectivityCommand
{
    public static Command Create(TextReader stdin)
    {
        var inventory = InputOptions.Inventory("the workloads, and the policies in it unless --policies is given", required: true);
        var policies = InputOptions.Policies("to analyse (default: the ones in the inventory)", required: false);
        var hostNetworkAsNode = new Option<bool>("--host-network-as-node")
        {
            Description = "Treat host-network pods as node traffic, not selected by policies (as most CNIs do); by default they are ordinary pods, as in np-guard",
        };
        var command = new Command("connectivity", "List the allowed connections between workloads, in np-guard's format.") { inventory, policies, hostNetworkAsNode };
        command.SetAction((parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return InputErrors.GuardAsync(stderr, async () =>
            {
                var inputs = new ClusterInputs(stdin, stderr);
                var cluster = await inputs.ReadInventoryAsync(parse.GetValue(inventory), cancellationToken);
                var policyPaths = parse.GetValue(policies);
                var networkPolicies = policyPaths is { Length: > 0 }
                    ? await inputs.ReadPoliciesAsync(policyPaths, cancellationToken)
                    : cluster.NetworkPolicies;
                var set = new PolicySet(networkPolicies);
                foreach (var connection in ConnectivityAnalyzer.Analyze(new InventoryIndex(cluster), set, hostNetworkAsPod: !parse.GetValue(hostNetworkAsNode)))
                {
                    await stdout.WriteLineAsync(connection.ToString());
                }

                return PolicyCtl.ExitOk;
            });
        });
        return command;
    }
}
