using PolicyOperator.Api.Networking;
using PolicyOperator.Controllers.Proposals;
using PolicyOperator.Runtime.Informers;
using PolicyOperator.Runtime.Queue;

namespace PolicyOperator.Controllers.Enforcement;

/// <summary>
/// Reconciles a proposal when one of its NetworkPolicies changes or goes (someone edited or deleted it),
/// and when any NetworkPolicy of its namespace changes, since the safety check and drift depend on them.
/// </summary>
public sealed class ManagedPolicyEnqueuer(WorkQueue<ObjectKey> queue) : IResourceEventHandler<NetworkPolicy>
{
    public void OnAdded(NetworkPolicy value) => Enqueue(value);

    public void OnUpdated(NetworkPolicy oldValue, NetworkPolicy newValue) => Enqueue(newValue);

    public void OnDeleted(NetworkPolicy value) => Enqueue(value);

    private void Enqueue(NetworkPolicy policy)
    {
        if (policy.Metadata.Labels?.GetValueOrDefault(ProposalNaming.ProposalLabel) is { } proposal && policy.Metadata.Namespace is { } ns)
        {
            queue.Add(new ObjectKey(ns, proposal));
        }
    }
}
