using PolicyOperator.Api.Meta;

namespace PolicyOperator.Runtime.Reconciliation;

/// <summary>
/// Whether an update is worth a reconcile (controller-runtime's GenerationChangedPredicate): the API
/// server bumps metadata.generation on spec changes only, so an update that only wrote status (often
/// the controller's own write) is skipped. Objects without a generation count every change.
/// </summary>
public static class GenerationChangedFilter
{
    public static bool ShouldReconcile(IKubernetesObject<ObjectMeta> oldValue, IKubernetesObject<ObjectMeta> newValue)
    {
        var (before, after) = (oldValue.Metadata, newValue.Metadata);
        if (before.DeletionTimestamp != after.DeletionTimestamp)
        {
            return true;
        }

        return after.Generation is null || before.Generation is null
            ? before.ResourceVersion != after.ResourceVersion
            : before.Generation != after.Generation;
    }
}
