using System.CommandLine;
using System.Text.Json.Nodes;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Cli.Output;
using PolicyOperator.Engine.Cilium;
using PolicyOperator.Ingest.Documents;

namespace PolicyOperator.Cli.Commands;

/// <summary>
/// <c>policyctl export --out DIR [--proposals FILES | -n NS | -A] [--approved] [--format networkpolicy|cilium]</c>: writes the policies of
/// NetworkPolicyProposals (from the cluster, or from files such as <c>kubectl get npp -A -o yaml</c>) in the
/// layout <c>policyctl generate</c> writes, ready for a Git pull request.
/// </summary>
public static class ExportCommand
{
    public static Command Create(TextReader stdin)
    {
        var output = new Option<string>("--out", "-o") { Description = "Output directory (DIR/<namespace>/<name>.yaml plus kustomization.yaml files)", Required = true };
        var files = new Option<string[]>("--proposals") { Description = "Read proposals from these files or directories instead of the cluster", AllowMultipleArgumentsPerToken = true };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Only this namespace (default: all)" };
        var approved = new Option<bool>("--approved") { Description = "Only proposals whose current revision is approved" };
        var format = new Option<string>("--format", "-f") { Description = "networkpolicy (default) or cilium: the CiliumNetworkPolicies of proposals whose PolicyGenerator asks for them", DefaultValueFactory = _ => "networkpolicy" };
        format.AcceptOnlyFromAmong("networkpolicy", "cilium");
        var kubeconfig = ClusterConnection.Kubeconfig();
        var context = ClusterConnection.Context();
        var command = new Command("export", "Write proposed policies as files in the layout of policyctl generate.")
        {
            output, files, ns, approved, format, kubeconfig, context,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return InputErrors.GuardAsync(stderr, async () =>
            {
                IReadOnlyList<NetworkPolicyProposal> proposals;
                if (parse.GetValue(files) is { Length: > 0 } paths)
                {
                    var documents = await new KubernetesDocumentReader(stdin).ReadAsync(paths, cancellationToken);
                    proposals = documents.Where(d => d.Kind == NetworkPolicyProposal.KindName).Select(d => d.Deserialize<NetworkPolicyProposal>()).ToList();
                }
                else
                {
                    using var client = ClusterConnection.Connect(parse.GetValue(kubeconfig), parse.GetValue(context));
                    proposals = (await client.NetworkPolicyProposals.ListAllAsync(parse.GetValue(ns), null, cancellationToken)).Items;
                }

                var selected = proposals
                    .Where(p => parse.GetValue(ns) is not { } only || p.Metadata.Namespace == only)
                    .Where(p => !parse.GetValue(approved) || (p.Spec.Approved && p.Spec.ApprovedRevision == p.Spec.Revision))
                    .ToList();
                var rendered = selected
                    .SelectMany(p => p.Spec.Policies.Where(policy => CiliumPolicyBuilder.IsCiliumPolicy(policy.Policy) == (parse.GetValue(format) == "cilium")).Select(policy => (
                        Namespace: policy.Policy["metadata"]?["namespace"]?.GetValue<string>() ?? p.Metadata.Namespace ?? "default",
                        Name: policy.Policy["metadata"]?["name"]?.GetValue<string>() ?? p.Metadata.Name ?? string.Empty,
                        Json: (JsonNode)policy.Policy.DeepClone())))
                    .OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
                    .ToList();
                var written = await GeneratedPolicies.WriteDirectoryAsync(parse.GetRequiredValue(output), rendered, cancellationToken);
                await stderr.WriteLineAsync($"policyctl export: {rendered.Count} policies from {selected.Count} of {proposals.Count} proposal(s); {written.Count} file(s) written");
                return PolicyCtl.ExitOk;
            });
        });
        return command;
    }
}
