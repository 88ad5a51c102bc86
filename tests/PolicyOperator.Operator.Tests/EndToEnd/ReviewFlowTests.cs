using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Proposals;
using PolicyOperator.Controllers.Status;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Operator.Tests.Support;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Operator.Tests.EndToEnd;

/// <summary>ObservedTraffic in, proposals with evidence out, a person approves, NetworkPolicies appear; deletion removes them.</summary>
public sealed class ReviewFlowTests
{
    [Fact]
    public async Task Traffic_seen_on_two_nodes_becomes_one_proposal_per_workload_with_both_ends_evidence()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();

        var apiProposal = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        var webProposal = await cluster.ProposalWhereAsync("web-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");

        apiProposal.Spec.Revision.Should().Be(1);
        apiProposal.Spec.Workload.Name.Should().Be("api");
        var policy = apiProposal.Spec.Policies.Should().ContainSingle().Subject;
        policy.Policy["metadata"]!["name"]!.GetValue<string>().Should().Be("api-deployment");
        policy.Policy["spec"]!["ingress"]!.AsArray().Should().ContainSingle();
        var ingress = policy.Evidence.Should().ContainSingle(e => e.Direction == TrafficDirection.Ingress).Subject;
        ingress.Port.Should().Be(8080);
        ingress.RuleIndex.Should().Be(0);
        ingress.Connections.Should().Be(2, "the server's own count is kept; the client's view of the same connection is not added on top");
        ingress.Sources.Should().Equal(["shop/api-n2", "shop/web-n1"], "both ends' reports of the connection are its evidence");
        ingress.Nodes.Should().Equal("n1", "n2");

        // The DNS rule has no traffic of its own: its reason is said, its times are the observation window's.
        var dns = webProposal.Spec.Policies.Single().Evidence.Where(e => e.Port == 53).Should().NotBeEmpty().And.Subject.First();
        dns.Reason.Should().Contain("always allowed");
        dns.Peer.Should().NotContain("always allowed", "the reason is its own field, not part of the peer");
        (dns.FirstSeen, dns.LastSeen).Should().Be((Traffic.Start, Traffic.Start.AddMinutes(10)));

        // web only saw its egress; the proposal for web allows it, and api's node evidence is on api's proposal.
        webProposal.Spec.Policies.Single().Evidence.Should().Contain(e => e.Direction == TrafficDirection.Egress && e.Port == 8080 && e.Nodes.Contains("n1"));
        apiProposal.Status!.SafetyCheck!.Result.Should().Be(SafetyCheckResult.Passed);
        apiProposal.Status.Conditions.Should().Contain(c => c.Type == ProposalConditions.Applied && c.Status == "False" && c.Reason == "AwaitingApproval");
        (await cluster.PolicyAsync("api-deployment")).Should().BeNull("nothing is applied before a person approves");
    }

    [Fact]
    public async Task A_connection_seen_only_on_the_client_node_is_allowed_on_the_server_too()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, _) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        var api = Traffic.Deployment("shop", "api");
        // api reports only something else: its ingress from web was not seen on its node.
        await cluster.AddAsync(Traffic.Observed("api-n2", api, "n2", egress: [Traffic.To(Traffic.Deployment("shop", "db"), 5432)]));
        await using var replica = await cluster.StartReplicaAsync();

        var proposal = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase is not null, "reconciled");
        var evidence = proposal.Spec.Policies.Single().Evidence;
        evidence.Should().Contain(e => e.Direction == TrafficDirection.Ingress && e.Port == 8080 && e.Nodes.Contains("n1") && e.Sources.Contains("shop/web-n1"),
            "web's egress, seen on n1, implies api's ingress");
    }

    [Fact]
    public async Task A_workload_seen_only_by_its_peers_gets_a_proposal_from_their_reports_marked_as_resting_on_them()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        // api's node runs no agent: api is known only from web's egress.
        await using var replica = await cluster.StartReplicaAsync();

        var proposal = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed from web's report");

        proposal.Spec.Workload.Name.Should().Be("api");
        var policy = proposal.Spec.Policies.Should().ContainSingle().Subject;
        policy.Policy["spec"]!["podSelector"]!["matchLabels"]!["app"]!.GetValue<string>().Should().Be("api");
        policy.Policy["spec"]!["policyTypes"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("Ingress");
        var ingress = policy.Evidence.Should().ContainSingle().Subject;
        (ingress.Direction, ingress.Port, ingress.Connections).Should().Be((TrafficDirection.Ingress, 8080, 3L));
        ingress.Sources.Should().Equal("shop/web-n1");
        ingress.Nodes.Should().Equal("n1");
        proposal.Status!.Conditions.Should().ContainSingle(c => c.Type == ProposalConditions.PeerObservationsOnly && c.Status == "True" && c.Reason == ProposalConditions.NoOwnObservations)
            .Which.Message.Should().Contain("shop/web-n1");
        await cluster.ProposalWhereAsync(
            "web-deployment",
            p => p.Status?.Conditions.Any(c => c.Type == ProposalConditions.PeerObservationsOnly && c.Status == "False") == true,
            "web rests on its own report (it may be reconciled after api)");

        // Once api's own node reports it, the proposal rests on its own observations.
        await cluster.AddAsync(Traffic.WebCallsApi().Api);
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status!.Conditions.Any(c => c.Type == ProposalConditions.PeerObservationsOnly && c.Status == "False"), "own observations");

        // And when the peer's report goes too, nothing is left of it: the proposal goes.
        await cluster.Client.ObservedTraffics.DeleteAsync("api-n2", "shop", CancellationToken.None);
        await cluster.Client.ObservedTraffics.DeleteAsync("web-n1", "shop", CancellationToken.None);
        await Eventually.ValueAsync(() => cluster.ProposalAsync("api-deployment"), p => p is null, "the proposal is removed");
    }

    [Fact]
    public async Task Approval_by_annotation_applies_the_revision_as_a_managed_owned_policy_and_reapplying_changes_nothing()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();
        var proposed = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");

        await cluster.ApproveByAnnotationAsync("api-deployment");

        var applied = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "applied");
        applied.Spec.Approved.Should().BeTrue();
        applied.Spec.ApprovedRevision.Should().Be(1);
        applied.Metadata.Annotations.Should().NotContainKey(NetworkPolicyProposal.ApprovedAnnotation, "the annotation is folded into the spec for the revision the person saw");
        applied.Status!.AppliedRevision.Should().Be(1);
        applied.Status.AppliedPolicies.Should().Equal("api-deployment");
        var policy = (await cluster.PolicyAsync("api-deployment"))!;
        policy.Metadata.Labels.Should().Contain(PolicyNaming.ManagedByLabel, PolicyNaming.ManagedByValue).And.Contain(ProposalNaming.ProposalLabel, "api-deployment");
        policy.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "NetworkPolicyProposal" && o.Uid == proposed.Metadata.Uid && o.Controller == true);
        policy.Spec.Ingress.Should().ContainSingle();
        (await cluster.PolicyAsync("web-deployment")).Should().BeNull("web's proposal was not approved");

        // Several resyncs later the policy is untouched: no update without a semantic difference.
        var version = policy.Metadata.ResourceVersion;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        (await cluster.PolicyAsync("api-deployment"))!.Metadata.ResourceVersion.Should().Be(version);
    }

    [Fact]
    public async Task A_new_revision_replacing_an_approved_one_is_superseded_until_reviewed()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync(OperatorCluster.Options(GeneratorMode.Propose));
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        await cluster.ApproveByAnnotationAsync("api-deployment");
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Approved, "approved");

        await cluster.AddAsync(Traffic.Observed("api-n3", Traffic.Deployment("shop", "api"), "n3", ingress: [Traffic.To(Traffic.Deployment("shop", "admin"), 9090)]));

        var superseded = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Superseded, "superseded");
        superseded.Spec.Revision.Should().Be(2);
        superseded.Status!.SupersededRevision.Should().Be(1);
        superseded.Status.SupersededBy.Should().Be("api-deployment revision 2");
        await Eventually.ValueAsync(() => cluster.EventsAsync(), events => events.Any(e => e.Reason == "Superseded" && e.Note!.Contains("revision 1 (approved)", StringComparison.Ordinal)), "a Superseded event");

        await cluster.ApproveByAnnotationAsync("api-deployment");
        var approved = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Approved && p.Spec.ApprovedRevision == 2, "revision 2 approved");
        approved.Status!.SupersededRevision.Should().Be(1, "the record stays after the new revision is reviewed");
    }

    [Fact]
    public async Task A_narrower_revision_replacing_an_applied_one_is_superseded_while_the_applied_policy_stays()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await cluster.AddAsync(Traffic.Observed("api-n3", Traffic.Deployment("shop", "api"), "n3", ingress: [Traffic.To(Traffic.Deployment("shop", "admin"), 9090)]));
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        await cluster.ApproveByAnnotationAsync("api-deployment");
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "applied");

        // admin's traffic is gone: revision 2 is narrower, so the applied revision 1 still allows everything observed (no drift).
        await cluster.Client.ObservedTraffics.DeleteAsync("api-n3", "shop", CancellationToken.None);

        var superseded = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Superseded, "superseded");
        superseded.Spec.Revision.Should().Be(2);
        superseded.Status!.SupersededRevision.Should().Be(1);
        superseded.Status.AppliedRevision.Should().Be(1, "revision 1's policy stays in force until revision 2 is reviewed");
        (await cluster.PolicyAsync("api-deployment"))!.Spec.Ingress.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_rejected_revision_is_not_applied()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");

        await cluster.AnnotateAsync("api-deployment", ProposalNaming.RejectAnnotation, "true");

        var rejected = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Rejected, "rejected");
        rejected.Metadata.Annotations.Should().Contain(ProposalNaming.RejectedRevisionAnnotation, "1");
        (await cluster.PolicyAsync("api-deployment")).Should().BeNull();
    }

    [Fact]
    public async Task When_the_workload_has_no_traffic_left_its_proposal_and_applied_policies_are_removed()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        await cluster.ApproveByAnnotationAsync("api-deployment");
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "applied");

        await cluster.Client.ObservedTraffics.DeleteAsync("api-n2", "shop", CancellationToken.None);
        await cluster.Client.ObservedTraffics.DeleteAsync("web-n1", "shop", CancellationToken.None);

        await Eventually.ValueAsync(() => cluster.ProposalAsync("api-deployment"), p => p is null, "the proposal is removed");
        await Eventually.ValueAsync(() => cluster.PolicyAsync("api-deployment"), p => p is null, "the applied policy is removed");
    }

    [Fact]
    public async Task Deleting_an_applied_proposal_removes_its_policy_and_a_fresh_revision_1_awaits_review()
    {
        await using var cluster = await OperatorCluster.StartAsync();
        var (web, api) = Traffic.WebCallsApi();
        await cluster.AddAsync(web);
        await cluster.AddAsync(api);
        await using var replica = await cluster.StartReplicaAsync();
        var first = await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Proposed, "proposed");
        await cluster.ApproveByAnnotationAsync("api-deployment");
        await cluster.ProposalWhereAsync("api-deployment", p => p.Status?.Phase == ProposalPhase.Applied, "applied");

        await cluster.Client.NetworkPolicyProposals.DeleteAsync("api-deployment", "shop", CancellationToken.None);

        await Eventually.ValueAsync(() => cluster.PolicyAsync("api-deployment"), p => p is null, "the policy goes with its proposal");
        var again = await cluster.ProposalWhereAsync("api-deployment", p => p.Metadata.Uid != first.Metadata.Uid && p.Status?.Phase == ProposalPhase.Proposed, "made again from the traffic");
        again.Spec.Revision.Should().Be(1);
        again.Spec.Approved.Should().BeFalse();
    }
}
