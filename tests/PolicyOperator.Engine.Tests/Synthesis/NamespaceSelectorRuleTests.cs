using FluentAssertions;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.V1Alpha1;
using Xunit;
using static PolicyOperator.Engine.Tests.Synthesis.Traffic;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Design rule 4: every pod peer carries a namespaceSelector on kubernetes.io/metadata.name, in the same peer.</summary>
public sealed class NamespaceSelectorRuleTests
{
    [Theory]
    [InlineData("shop")]
    [InlineData("payments")]
    public void Pod_peers_are_anded_with_their_namespace_by_name_label_even_in_the_same_namespace(string peerNamespace)
    {
        var service = new ServicePeer { Name = "api", Namespace = peerNamespace, Selector = new Dictionary<string, string> { ["app"] = "api" } };
        var traffic = Observed(Workload("shop", "web"),
            ingress: [Entry(ToWorkload(Workload(peerNamespace, "lb")), 80)],
            egress: [Entry(ToService(service), 8080)]);

        var policy = Synth.Single(traffic);

        var peers = policy.Spec.Ingress!.SelectMany(r => r.From!).Concat(policy.Spec.Egress!.SelectMany(r => r.To!)).Where(p => p.IpBlock is null).ToList();
        peers.Should().HaveCountGreaterThan(2);
        peers.Should().OnlyContain(p => p.PodSelector != null && p.NamespaceSelector != null && p.NamespaceSelector.MatchLabels!.Count == 1 && p.NamespaceSelector.MatchLabels.ContainsKey(Namespace.NameLabel));
        Synth.Ingress(policy).Should().Equal($"ns[kubernetes.io/metadata.name={peerNamespace}] pods[app=lb] TCP/80");
    }
}
