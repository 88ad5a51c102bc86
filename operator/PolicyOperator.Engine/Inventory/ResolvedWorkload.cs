using PolicyOperator.Api.Meta;

namespace PolicyOperator.Engine.Inventory;

/// <summary>
/// The workload a pod belongs to, with the selector policies use for it: the top owner's
/// spec.selector where it has a stable one, otherwise the pod's labels minus volatile ones.
/// </summary>
/// <param name="Kind">Deployment, StatefulSet, DaemonSet, CronJob, Job, ReplicaSet or Pod.</param>
/// <param name="Name">The workload's name.</param>
/// <param name="Namespace">The workload's namespace.</param>
/// <param name="Selector">A non-empty selector, or null when no stable label exists (then the caller must not emit an empty selector by accident).</param>
public sealed record ResolvedWorkload(string Kind, string Name, string Namespace, LabelSelector? Selector)
{
    /// <summary><c>namespace/name[Kind]</c>, the form np-guard prints.</summary>
    public override string ToString() => $"{Namespace}/{Name}[{Kind}]";
}
