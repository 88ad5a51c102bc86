using System.Text.Json.Nodes;
using FluentAssertions;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Proposals;
using PolicyOperator.Controllers.Review;
using PolicyOperator.Operator.Tests.Support;
using Xunit;

namespace PolicyOperator.Operator.Tests.Unit;

public sealed class DesiredProposalTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WorkloadReference Web = Traffic.Deployment("shop", "web");

    private static ProposalContent Content(int port, long connections = 1) => new(
        [new ProposedPolicy
        {
            Policy = new JsonObject { ["kind"] = "NetworkPolicy", ["spec"] = new JsonObject { ["port"] = port } },
            Evidence = [new RuleEvidence { Direction = TrafficDirection.Egress, RuleIndex = 0, Peer = "x", Protocol = "TCP", Port = port, Connections = connections, FirstSeen = Now, LastSeen = Now }],
        }],
        [],
        0);

    [Fact]
    public void A_new_proposal_starts_at_revision_1_named_after_the_workload()
    {
        var proposal = DesiredProposal.Next(null, Web, Content(80), "g", Now);

        proposal.Metadata.Name.Should().Be("web-deployment");
        proposal.Metadata.Namespace.Should().Be("shop");
        proposal.Spec.Revision.Should().Be(1);
        DesiredProposal.RevisionSince(proposal).Should().Be(Now);
    }

    [Fact]
    public void Changed_counts_keep_the_revision_and_its_approval_but_changed_policies_start_a_new_unapproved_one()
    {
        var first = DesiredProposal.Next(null, Web, Content(80), null, Now) is var p ? p with { Spec = p.Spec with { Approved = true, ApprovedRevision = 1 } } : null!;

        var counts = DesiredProposal.Next(first, Web, Content(80, connections: 99), null, Now.AddHours(1));
        counts.Spec.Revision.Should().Be(1);
        ReviewState.IsApproved(counts).Should().BeTrue();
        counts.Spec.Policies[0].Evidence[0].Connections.Should().Be(99);

        var changed = DesiredProposal.Next(counts, Web, Content(443), null, Now.AddHours(2));
        changed.Spec.Revision.Should().Be(2);
        ReviewState.IsApproved(changed).Should().BeFalse();
        DesiredProposal.RevisionSince(changed).Should().Be(Now.AddHours(2));
    }

    [Fact]
    public void Replacing_an_approved_or_applied_revision_records_it_as_superseded_but_replacing_an_unreviewed_one_does_not()
    {
        var first = DesiredProposal.Next(null, Web, Content(80), null, Now);
        var approved = first with { Spec = first.Spec with { Approved = true, ApprovedRevision = 1 } };
        var applied = first with { Status = new NetworkPolicyProposalStatus { AppliedRevision = 1 } };

        DesiredProposal.SupersededRevision(DesiredProposal.Next(approved, Web, Content(443), null, Now)).Should().Be(1);
        DesiredProposal.SupersededRevision(DesiredProposal.Next(applied, Web, Content(443), null, Now)).Should().Be(1);
        DesiredProposal.SupersededRevision(DesiredProposal.Next(first, Web, Content(443), null, Now)).Should().BeNull();

        var third = DesiredProposal.Next(DesiredProposal.Next(approved, Web, Content(443), null, Now), Web, Content(8443), null, Now);
        third.Spec.Revision.Should().Be(3);
        DesiredProposal.SupersededRevision(third).Should().Be(1, "revision 2 was never reviewed; the last reviewed one replaced is still revision 1");
    }

    [Fact]
    public void An_approval_annotation_approves_the_revision_the_person_saw_not_one_proposed_at_the_same_time()
    {
        var first = DesiredProposal.Next(null, Web, Content(80), null, Now);
        var annotated = first with { Metadata = first.Metadata with { Annotations = new Dictionary<string, string>(first.Metadata.Annotations!) { [NetworkPolicyProposal.ApprovedAnnotation] = "true" } } };

        var same = DesiredProposal.Next(annotated, Web, Content(80), null, Now);
        ReviewState.IsApproved(same).Should().BeTrue();
        same.Metadata.Annotations.Should().NotContainKey(NetworkPolicyProposal.ApprovedAnnotation);

        var moved = DesiredProposal.Next(annotated, Web, Content(8080), null, Now);
        moved.Spec.Revision.Should().Be(2);
        ReviewState.IsApproved(moved).Should().BeFalse("the approval was for revision 1");
    }

    [Fact]
    public void A_rejection_annotation_becomes_the_rejected_revision()
    {
        var first = DesiredProposal.Next(null, Web, Content(80), null, Now);
        var annotated = first with { Metadata = first.Metadata with { Annotations = new Dictionary<string, string>(first.Metadata.Annotations!) { [NetworkPolicyProposal.RejectAnnotation] = "true" } } };

        var rejected = DesiredProposal.Next(annotated, Web, Content(80), null, Now);

        ReviewState.IsRejected(rejected).Should().BeTrue();
        rejected.Metadata.Annotations.Should().Contain(NetworkPolicyProposal.RejectedRevisionAnnotation, "1").And.NotContainKey(NetworkPolicyProposal.RejectAnnotation);
        ReviewState.IsRejected(DesiredProposal.Next(rejected, Web, Content(443), null, Now)).Should().BeFalse("a new revision needs a new review");
    }

    [Fact]
    public void Spec_approved_without_a_revision_approves_the_current_one()
    {
        var first = DesiredProposal.Next(null, Web, Content(80), null, Now) is var p ? p with { Metadata = p.Metadata with { Annotations = new Dictionary<string, string>() }, Spec = p.Spec with { Approved = true } } : null!;

        var next = DesiredProposal.Next(first, Web, Content(80), null, Now);

        next.Spec.ApprovedRevision.Should().Be(1);
        next.Metadata.Annotations.Should().ContainKey(ProposalNaming.RevisionSinceAnnotation);
    }
}
