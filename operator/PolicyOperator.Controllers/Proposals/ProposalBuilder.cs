using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Generators;
using PolicyOperator.Controllers.Traffic;
using PolicyOperator.Engine.Cilium;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;

namespace PolicyOperator.Controllers.Proposals;

/// <summary>
/// The desired proposal of one workload (kubebuilder's pure "desired state" function): the synthesis over
/// the workload's traffic and its peers' view of it, mapped to the API's proposal with evidence, and the
/// revision rule (a new revision only when the policies themselves change, never for counts or times).
/// </summary>
public static class ProposalBuilder
{
    public static ProposalContent Build(WorkloadTraffic traffic, ClusterInventory inventory, EffectiveGenerator generator)
    {
        // A workload known from its peers only gets an empty report of its own, so that the synthesis builds
        // its policy from what the peers saw of it (TrafficMirror's implied entries).
        var input = traffic.PeersOnly ? traffic.All.Append(PeersOnlyPlaceholder(traffic)) : traffic.All;
        var result = new PolicySynthesizer(generator.Synthesis).Synthesize(input, inventory);
        var name = ProposalNaming.NameFor(traffic.Workload);
        var subject = $"{traffic.Workload.Namespace}/{traffic.Workload.Name}[{traffic.Workload.Kind}]";
        var findings = result.Findings.Where(f => f.Subject.StartsWith(subject, StringComparison.Ordinal)).Select(f => f.ToString()).ToList();
        var policy = result.Policies.FirstOrDefault(p => p.Policy.Metadata.Namespace == traffic.Workload.Namespace && p.Policy.Metadata.Name == name);
        if (policy is null)
        {
            return new ProposalContent([], findings, 0);
        }

        var evidence = EvidenceMapping.Map(policy.Evidence, traffic, out var left);
        var json = JsonSerializer.SerializeToNode(policy.Policy, ApiJson.Options) as JsonObject
            ?? throw new InvalidOperationException($"the policy for {subject} did not serialize to an object");
        ProposedPolicy[] proposed = generator.Format == OutputFormat.CiliumNetworkPolicy
            // The NetworkPolicy is what the operator applies; the CiliumNetworkPolicy (toFQDNs) is for review and export.
            ? [new ProposedPolicy { Policy = json, Evidence = evidence }, new ProposedPolicy { Policy = CiliumPolicyBuilder.Build(policy), Evidence = evidence }]
            : [new ProposedPolicy { Policy = json, Evidence = evidence }];
        return new ProposalContent(proposed, findings, left);
    }

    private static ObservedTraffic PeersOnlyPlaceholder(WorkloadTraffic traffic) => new()
    {
        Metadata = new Api.Meta.ObjectMeta { Name = ProposalNaming.NameFor(traffic.Workload), Namespace = traffic.Workload.Namespace },
        Spec = new ObservedTrafficSpec
        {
            Node = string.Empty,
            Workload = traffic.Workload,
            Window = new ObservationWindow { Start = traffic.FirstObserved, End = traffic.LastObserved },
        },
    };

    /// <summary>True when the two lists propose the same policies (evidence aside).</summary>
    public static bool SamePolicies(IReadOnlyList<ProposedPolicy> a, IReadOnlyList<ProposedPolicy> b) =>
        a.Count == b.Count && a.Zip(b).All(pair => JsonNode.DeepEquals(pair.First.Policy, pair.Second.Policy));
}
