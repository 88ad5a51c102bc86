using System.Globalization;
using PolicyOperator.Api.Meta;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Review;

namespace PolicyOperator.Controllers.Proposals;

/// <summary>
/// The proposal object the operator wants, from the one in the cluster (or none) and the new content.
/// Pure. The revision goes up only when the policies change; then any approval or rejection lapses.
/// Review annotations are folded into the spec (approval) or the rejected-revision annotation for the
/// revision the person saw, and removed, so that they never carry over to a later revision.
/// </summary>
public static class DesiredProposal
{
    public static NetworkPolicyProposal Next(NetworkPolicyProposal? current, WorkloadReference workload, ProposalContent content, string? generator, DateTimeOffset now)
    {
        var ns = workload.Namespace;
        var name = ProposalNaming.NameFor(workload);
        if (current is null)
        {
            return new NetworkPolicyProposal
            {
                Metadata = new ObjectMeta
                {
                    Name = name,
                    Namespace = ns,
                    Labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [Engine.Synthesis.PolicyNaming.ManagedByLabel] = Engine.Synthesis.PolicyNaming.ManagedByValue },
                    Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [ProposalNaming.RevisionSinceAnnotation] = Timestamp(now) },
                },
                Spec = new NetworkPolicyProposalSpec { Workload = workload, Revision = 1, Generator = generator, Policies = content.Policies },
            };
        }

        var annotations = new SortedDictionary<string, string>(current.Metadata.Annotations?.ToDictionary() ?? [], StringComparer.Ordinal);
        var spec = current.Spec;
        var reviewed = spec.Revision;
        if (ReviewState.ApprovalRequested(current))
        {
            spec = spec with { Approved = true, ApprovedRevision = reviewed, ApprovedBy = spec.ApprovedBy ?? $"annotation {NetworkPolicyProposal.ApprovedAnnotation}" };
            annotations.Remove(NetworkPolicyProposal.ApprovedAnnotation);
        }
        else if (spec.Approved && spec.ApprovedRevision is null)
        {
            spec = spec with { ApprovedRevision = reviewed };
        }

        if (ReviewState.RejectionRequested(current))
        {
            annotations[ProposalNaming.RejectedRevisionAnnotation] = reviewed.ToString(CultureInfo.InvariantCulture);
            annotations.Remove(ProposalNaming.RejectAnnotation);
            spec = spec with { Approved = false, ApprovedRevision = null };
        }

        if (!ProposalBuilder.SamePolicies(spec.Policies, content.Policies))
        {
            // An approved or applied revision that is replaced is recorded: its review (or its policies in
            // the cluster) no longer stand for what is proposed.
            if ((spec.Approved && spec.ApprovedRevision == reviewed) || current.Status?.AppliedRevision == reviewed)
            {
                annotations[ProposalNaming.SupersededRevisionAnnotation] = reviewed.ToString(CultureInfo.InvariantCulture);
            }

            spec = spec with { Revision = spec.Revision + 1, Approved = false, ApprovedRevision = null, ApprovedBy = null };
            annotations[ProposalNaming.RevisionSinceAnnotation] = Timestamp(now);
        }
        else if (!annotations.ContainsKey(ProposalNaming.RevisionSinceAnnotation))
        {
            annotations[ProposalNaming.RevisionSinceAnnotation] = Timestamp(current.Metadata.CreationTimestamp ?? now);
        }

        return current with
        {
            Metadata = current.Metadata with { Annotations = annotations },
            Spec = spec with { Workload = workload, Generator = generator, Policies = content.Policies },
        };
    }

    /// <summary>The last approved or applied revision a newer one replaced, or null.</summary>
    public static long? SupersededRevision(NetworkPolicyProposal proposal) =>
        proposal.Metadata.Annotations?.GetValueOrDefault(ProposalNaming.SupersededRevisionAnnotation) is { } text
        && long.TryParse(text, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;

    /// <summary>When the current revision's content appeared.</summary>
    public static DateTimeOffset RevisionSince(NetworkPolicyProposal proposal) =>
        proposal.Metadata.Annotations?.GetValueOrDefault(ProposalNaming.RevisionSinceAnnotation) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var since)
            ? since
            : proposal.Metadata.CreationTimestamp ?? DateTimeOffset.MaxValue;

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
