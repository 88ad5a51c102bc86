using FluentAssertions;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.Networking;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Enforcement;
using PolicyOperator.Controllers.Status;
using PolicyOperator.Operator.Tests.Support;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Operator.Tests.EndToEnd;

/// <summary>Enforce mode: learning window, stabilisation, the safety check, the operator's mode cap, drift.</summary>
public sealed class EnforcementTests
{
    private static PolicyGenerator Generator(GeneratorMode mode, string learning = "1h", string stabilization = "10m") => new()
    {
        Metadata = new ObjectMeta { Name = "default" },
        Spec = new PolicyGeneratorSpec { Mode = mode, LearningWindow = learning, StabilizationWindow = stabilization },
    };

    private static string? AppliedReason(NetworkPolicyProposal p) => p.Status?.Conditions.FirstOrDefault(c => c.Type == ProposalConditions.Applied)?.Reason;

    [Fact]
    public async Task Enforce_mode_applies_only_after_the_learning_window_and_once_a_revision_has_been_stable()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await cluster.Client.PolicyGenerators.CreateAsync(Generator(GeneratorMode.Enforce), CancellationToken.None);
        var clock = new ManualClock(Traffic.Start.AddMinutes(15));
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync(clock: clock);

        await cluster.ProposalWhereAsync("api-deployment", p => AppliedReason(p) == EnforcementDecision.Learning, "learning");
        (await cluster.PolicyAsync("api-deployment")).Should().BeNull("the learning window (1h from the first observation) has not passed");

        clock.Advance(TimeSpan.FromHours(1));
        var applied = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "enforced after learning");
        AppliedReason(applied).Should().Be(EnforcementDecision.Enforced);
        applied.Spec.Approved.Should().BeFalse("Enforce mode needs no approval");

        // New traffic changes the policy: revision 2 waits for the stabilisation window; revision 1 stays.
        await cluster.AddAsync(Traffic.Observed("api-n3", Traffic.Deployment("shop", "api"), "n3", ingress: [Traffic.To(Traffic.Deployment("shop", "admin"), 9090)], start: Traffic.Start.AddHours(1)));
        var stabilizing = await cluster.ProposalWhereAsync("api-deployment", p => p.Spec.Revision == 2 && AppliedReason(p) == EnforcementDecision.Stabilizing, "revision 2 stabilising");
        stabilizing.Status!.AppliedRevision.Should().Be(1);

        clock.Advance(TimeSpan.FromMinutes(11));
        var second = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.AppliedRevision == 2, "revision 2 applied once stable");
        second.Status!.Phase.Should().Be(ProposalPhase.Applied);
        (await cluster.PolicyAsync("api-deployment"))!.Spec.Ingress.Should().HaveCount(2);
    }

    [Fact]
    public async Task Labelling_a_namespace_into_an_enforcing_generator_enforces_its_proposals_without_waiting_for_a_resync()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var generator = Generator(GeneratorMode.Enforce, "0s", "0s");
        await cluster.Client.PolicyGenerators.CreateAsync(generator with { Spec = generator.Spec with { NamespaceSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["env"] = "prod" } } } }, CancellationToken.None);
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync(OperatorCluster.Options() with { ResyncPeriod = TimeSpan.FromHours(1) });
        var proposed = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed under the default generator");
        AppliedReason(proposed).Should().Be(EnforcementDecision.AwaitingApproval);

        await cluster.Client.Namespaces.PatchAsync("shop", null, """{"metadata":{"labels":{"env":"prod"}}}""", CancellationToken.None);

        var applied = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "enforced under the prod generator");
        applied.Spec.Generator.Should().Be("default");
        AppliedReason(applied).Should().Be(EnforcementDecision.Enforced);
    }

    [Fact]
    public async Task A_propose_mode_operator_never_writes_policies_even_when_a_generator_says_enforce()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        await cluster.Client.PolicyGenerators.CreateAsync(Generator(GeneratorMode.Enforce, "0s", "0s"), CancellationToken.None);
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync(OperatorCluster.Options(GeneratorMode.Propose));

        var proposal = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase is not null, "reconciled");
        await cluster.ApproveByAnnotationAsync("api-deployment");
        proposal = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Approved, "approved");

        AppliedReason(proposal).Should().Be(EnforcementDecision.OperatorNotEnforcing);
        (await cluster.Client.NetworkPolicies.ListAsync("shop", null, CancellationToken.None)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_proposal_that_would_deny_observed_traffic_is_not_applied_and_says_why()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        // Someone's default-deny egress for web: with it, web's observed call to api would be denied.
        await cluster.Client.NetworkPolicies.CreateAsync(
            new NetworkPolicy
            {
                Metadata = new ObjectMeta { Name = "web-deny-egress", Namespace = "shop" },
                Spec = new NetworkPolicySpec { PodSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } }, PolicyTypes = ["Egress"] },
            },
            CancellationToken.None);
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase is not null, "reconciled");

        await cluster.ApproveByAnnotationAsync("api-deployment");

        var blocked = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Approved && p.Status.ObservedGeneration == p.Metadata.Generation && AppliedReason(p) == EnforcementDecision.SafetyCheckFailed, "approved, and blocked by the safety check");
        blocked.Status!.SafetyCheck!.Result.Should().Be(SafetyCheckResult.Failed);
        blocked.Status.SafetyCheck.FlowsDenied.Should().BeGreaterThan(0);
        blocked.Status.SafetyCheck.DeniedFlows.Should().Contain(f => f.Direction == TrafficDirection.Ingress && f.Peer == "shop/web[Deployment]" && f.Port == 8080);
        blocked.Status.Conditions.Should().Contain(c => c.Type == ProposalConditions.SafetyCheckPassed && c.Status == "False" && c.Message.Contains("would be denied"));
        (await cluster.PolicyAsync("api-deployment")).Should().BeNull();
        await Eventually.ValueAsync(() => cluster.EventsAsync(), events => events.Any(e => e.Reason == "SafetyCheckFailed" && e.Regarding?.Name == "api-deployment"), "a Warning event says why");
    }

    [Fact]
    public async Task Workloads_of_kube_system_are_never_isolated()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var dns = Traffic.Deployment("kube-system", "coredns");
        await cluster.AddAsync(Traffic.Observed("coredns-n1", dns, "n1", ingress: [Traffic.To(Traffic.Deployment("shop", "web"), 53, protocol: "UDP")]));
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("coredns-deployment", p => p.Status?.Phase is not null, "reconciled", ns: "kube-system");

        await cluster.ApproveByAnnotationAsync("coredns-deployment", ns: "kube-system");

        var proposal = await cluster.ProposalWhereAsync("coredns-deployment", p => p.Status?.Phase == ProposalPhase.Approved && AppliedReason(p) == EnforcementDecision.SafetyCheckFailed, "approved, and refused", ns: "kube-system");
        proposal.Status!.Conditions.Should().Contain(c => c.Type == ProposalConditions.SafetyCheckPassed && c.Reason == "ProtectedNamespace");
        (await cluster.PolicyAsync("coredns-deployment", "kube-system")).Should().BeNull();
    }

    [Fact]
    public async Task New_traffic_the_applied_policy_does_not_allow_marks_the_proposal_drifted_and_proposes_a_new_revision()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase is not null, "reconciled");
        await cluster.ApproveByAnnotationAsync("api-deployment");
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "applied");

        await cluster.AddAsync(Traffic.Observed("api-n3", Traffic.Deployment("shop", "api"), "n3", ingress: [Traffic.To(Traffic.Deployment("shop", "admin"), 9090)]));

        var drifted = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Drifted, "drifted");
        drifted.Spec.Revision.Should().Be(2, "the new traffic is proposed as a new revision");
        drifted.Status!.AppliedRevision.Should().Be(1);
        drifted.Status.DriftedFlows.Should().ContainSingle(f => f.Direction == TrafficDirection.Ingress && f.Port == 9090 && f.Peer == "shop/admin[Deployment]");
        drifted.Status.Conditions.Should().Contain(c => c.Type == ProposalConditions.Drifted && c.Status == "True");
        await Eventually.ValueAsync(() => cluster.EventsAsync(), events => events.Any(e => e.Reason == "Drifted"), "a Warning event reports the drift");
        await Eventually.ValueAsync(() => replica.Http.GetStringAsync("/metrics"), m => m.Contains("policyoperator_drifted_proposals 1", StringComparison.Ordinal), "the drift metric");

        // Approving revision 2 applies it and ends the drift.
        await cluster.ApproveByAnnotationAsync("api-deployment");
        var healed = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied && p.Status.AppliedRevision == 2, "revision 2 applied");
        healed.Status!.DriftedFlows.Should().BeEmpty();
    }
}
