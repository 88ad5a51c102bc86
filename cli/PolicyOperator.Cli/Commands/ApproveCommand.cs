using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Kubernetes.Errors;

namespace PolicyOperator.Cli.Commands;

/// <summary>
/// <c>policyctl approve NAME -n NS [--reject]</c>: approves (or rejects) the current revision of a
/// NetworkPolicyProposal in the cluster. The write names the revision read and the object's
/// resourceVersion, so that a revision proposed meanwhile is never approved unseen (exit 1, try again).
/// </summary>
public static class ApproveCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The NetworkPolicyProposal (kubectl get npp -A lists them)" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Its namespace (default: the kubeconfig context's)" };
        var reject = new Option<bool>("--reject") { Description = "Reject the current revision instead" };
        var by = new Option<string?>("--by") { Description = "Who approves, for the audit trail (default: $USER)" };
        var kubeconfig = ClusterConnection.Kubeconfig();
        var context = ClusterConnection.Context();
        var command = new Command("approve", "Approve (or --reject) the current revision of a NetworkPolicyProposal in the cluster.")
        {
            name, ns, reject, by, kubeconfig, context,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return InputErrors.GuardAsync(stderr, async () =>
            {
                using var client = ClusterConnection.Connect(parse.GetValue(kubeconfig), parse.GetValue(context));
                var target = parse.GetRequiredValue(name);
                var space = parse.GetValue(ns) ?? client.Configuration.Namespace;
                NetworkPolicyProposal proposal;
                try
                {
                    proposal = await client.NetworkPolicyProposals.GetAsync(target, space, cancellationToken);
                }
                catch (NotFoundException)
                {
                    throw new InvalidInputException(new DocumentSource($"networkpolicyproposal {space}/{target}"), "not found");
                }

                var revision = proposal.Spec.Revision;
                var rejecting = parse.GetValue(reject);
                var who = parse.GetValue(by) ?? Environment.GetEnvironmentVariable("USER") ?? "policyctl";
                var patch = rejecting
                    ? new JsonObject
                    {
                        ["metadata"] = new JsonObject
                        {
                            ["resourceVersion"] = proposal.Metadata.ResourceVersion,
                            ["annotations"] = new JsonObject { [NetworkPolicyProposal.RejectedRevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture) },
                        },
                        ["spec"] = new JsonObject { ["approved"] = false, ["approvedRevision"] = null },
                    }
                    : new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["resourceVersion"] = proposal.Metadata.ResourceVersion },
                        ["spec"] = new JsonObject { ["approved"] = true, ["approvedRevision"] = revision, ["approvedBy"] = who },
                    };
                try
                {
                    await client.NetworkPolicyProposals.PatchAsync(target, space, patch.ToJsonString(), cancellationToken);
                }
                catch (ConflictException)
                {
                    await stderr.WriteLineAsync($"policyctl approve: {space}/{target} changed while it was read (a new revision?); review it again");
                    return PolicyCtl.ExitFindings;
                }

                await stdout.WriteLineAsync($"{(rejecting ? "rejected" : "approved")} {space}/{target} revision {revision}");
                return PolicyCtl.ExitOk;
            });
        });
        return command;
    }
}
