using FluentAssertions;
using PolicyOperator.Api.Apps;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;
using Xunit;
using static PolicyOperator.Engine.Tests.Synthesis.Traffic;

namespace PolicyOperator.Engine.Tests.Synthesis;

/// <summary>Design rule 3: stable selectors; volatile labels never selected; no empty selector by accident.</summary>
public sealed class StableSelectorRuleTests
{
    [Theory]
    [InlineData("pod-template-hash", "5d4f8")]
    [InlineData("controller-revision-hash", "web-7c9")]
    [InlineData("statefulset.kubernetes.io/pod-name", "web-0")]
    [InlineData("job-name", "report-28912345")]
    [InlineData("batch.kubernetes.io/controller-uid", "abc")]
    [InlineData("app.kubernetes.io/version", "1.2.3")]
    [InlineData("helm.sh/chart", "web-1.0.0")]
    public void Volatile_labels_never_reach_the_policy_or_peer_selectors(string key, string value)
    {
        var selector = Labels(("app", "web"), (key, value));
        var peer = Workload("shop", "db", selector: Labels(("app", "db"), (key, value)));
        var traffic = Observed(Workload("shop", "web", selector: selector), egress: [Entry(ToWorkload(peer), 5432)]);

        var policy = Synth.Single(traffic);

        policy.Spec.PodSelector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app"] = "web" });
        Synth.Egress(policy).Should().Contain("ns[kubernetes.io/metadata.name=shop] pods[app=db] TCP/5432");
    }

    [Fact]
    public void Configured_extra_volatile_labels_are_dropped_too()
    {
        var traffic = Observed(Workload("shop", "web", selector: Labels(("app", "web"), ("canary", "yes"))), ingress: [Entry(ToWorkload(Workload("shop", "lb")), 80)]);

        var policy = Synth.Run([traffic], options: new SynthesisOptions { ExtraVolatileLabels = new HashSet<string> { "canary" } }).Policies.Should1().Policy;

        policy.Spec.PodSelector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app"] = "web" });
    }

    [Fact]
    public void Workload_with_only_volatile_labels_gets_no_policy_and_a_finding_instead_of_an_empty_selector()
    {
        var traffic = Observed(Workload("shop", "web-5d4f8-x", kind: "Pod", selector: Labels(("pod-template-hash", "5d4f8"))), ingress: [Entry(ToWorkload(Workload("shop", "lb")), 80)]);

        var result = Synth.Run([traffic]);

        result.Policies.Should().BeEmpty();
        result.Findings.Should().ContainSingle(f => f.Subject == "shop/web-5d4f8-x[Pod]" && f.Message.Contains("empty podSelector", StringComparison.Ordinal));
    }

    [Fact]
    public void Peer_with_only_volatile_labels_is_reported_and_its_direction_left_unrestricted()
    {
        var peer = Workload("shop", "ghost", kind: "Pod", selector: Labels(("controller-uid", "1")));
        var traffic = Observed(Workload("shop", "web"), ingress: [Entry(ToWorkload(peer), 80)], egress: [Entry(ToExternal("203.0.113.7"), 443)]);

        var result = Synth.Run([traffic]);

        result.Policies.Should1().Policy.Spec.PolicyTypes.Should().Equal("Egress");
        result.Findings.Should().Contain(f => f.Subject.Contains("shop/ghost[Pod]", StringComparison.Ordinal));
    }

    [Fact]
    public void Workload_without_a_selector_takes_the_owning_deployments_selector_from_the_inventory()
    {
        var inventory = new ClusterInventory
        {
            Deployments = [new Deployment { Metadata = new() { Name = "web", Namespace = "shop" }, Spec = new() { Selector = Labels(("app", "web"), ("tier", "front")) } }],
            ReplicaSets = [new ReplicaSet { Metadata = new() { Name = "web-5d4f8", Namespace = "shop", OwnerReferences = [Owner("Deployment", "web")] } }],
            Pods =
            [
                new Pod
                {
                    Metadata = new() { Name = "web-5d4f8-abcde", Namespace = "shop", OwnerReferences = [Owner("ReplicaSet", "web-5d4f8")], Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front", ["pod-template-hash"] = "5d4f8", ["version"] = "v7" } },
                },
            ],
        };
        var workload = Workload("shop", "web") with { Selector = null };

        var policy = Synth.Run([Observed(workload, ingress: [Entry(ToWorkload(Workload("shop", "lb")), 80)])], inventory).Policies.Should1().Policy;

        policy.Spec.PodSelector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" });
    }

    private static OwnerReference Owner(string kind, string name) => new() { ApiVersion = "apps/v1", Kind = kind, Name = name, Uid = "u", Controller = true };
}
