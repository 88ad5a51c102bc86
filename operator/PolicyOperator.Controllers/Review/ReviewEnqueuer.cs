using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Queue;

namespace PolicyOperator.Controllers.Review;

/// <summary>
/// Reconciles a proposal when its annotations change: an approval or rejection by annotation does not
/// bump metadata.generation, so the controller's generation filter alone would miss it.
/// </summary>
public sealed class ReviewEnqueuer(WorkQueue<ObjectKey> queue) : IResourceEventHandler<NetworkPolicyProposal>
{
    public void OnAdded(NetworkPolicyProposal value)
    {
        // The controller's own handler enqueues additions.
    }

    public void OnUpdated(NetworkPolicyProposal oldValue, NetworkPolicyProposal newValue)
    {
        if (ReviewState.ApprovalRequested(newValue) || ReviewState.RejectionRequested(newValue)
            || oldValue.Metadata.Annotations?.GetValueOrDefault(Proposals.ProposalNaming.RejectedRevisionAnnotation) != newValue.Metadata.Annotations?.GetValueOrDefault(Proposals.ProposalNaming.RejectedRevisionAnnotation))
        {
            queue.Add(ObjectKey.For(newValue));
        }
    }

    public void OnDeleted(NetworkPolicyProposal value)
    {
        // The controller's own handler enqueues deletions.
    }
}
