using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;
using PolicyOperator.Engine.Evaluation;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Connectivity;

/// <summary>
/// The workloads of an inventory as np-guard names them: pods grouped by their direct controller
/// (<c>default/web-5d4f8[ReplicaSet]</c>; a pod without one is <c>ns/pod[Pod]</c>), and every
/// workload manifest without pods in the inventory as one pod made from its template
/// (<c>default/web[Deployment]</c>). Each workload is represented by its first pod.
/// Host-network pods are treated like other pods when <c>hostNetworkAsPod</c> is set, as np-guard does;
/// otherwise they are node traffic, as most CNIs treat them (the API reference leaves it undefined).
/// </summary>
public static class WorkloadPeers
{
    /// <summary>The workloads, in ordinal order of their names.</summary>
    public static IReadOnlyList<ConnectivityPeer> FromInventory(InventoryIndex index, bool hostNetworkAsPod = true)
    {
        var inventory = index.Inventory;
        var peers = new Dictionary<string, ConnectivityPeer>(StringComparer.Ordinal);
        var owners = new HashSet<(string Kind, string Namespace, string Name)>();
        foreach (var pod in inventory.Pods)
        {
            var ns = pod.Metadata.Namespace ?? "default";
            var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? pod.Metadata.OwnerReferences?.FirstOrDefault();
            var (kind, name) = owner is null ? ("Pod", pod.Metadata.Name ?? string.Empty) : (owner.Kind, owner.Name);
            if (owner is not null)
            {
                owners.Add((owner.Kind, ns, owner.Name));
            }

            var display = $"{ns}/{name}[{kind}]";
            var endpoint = PodEndpoints.FromPod(pod, index, display);
            endpoint = hostNetworkAsPod ? endpoint with { HostNetwork = false } : endpoint;
            peers.TryAdd(display, new ConnectivityPeer(display, FlowEndpoint.ForPod(endpoint), false));
        }

        foreach (var (kind, meta, template) in Templates(inventory))
        {
            var ns = meta.Namespace ?? "default";
            var name = meta.Name ?? string.Empty;
            if (owners.Contains((kind, ns, name)) || OwnsAnotherWorkload(kind, meta, inventory))
            {
                continue;
            }

            var display = $"{ns}/{name}[{kind}]";
            var endpoint = PodEndpoints.FromTemplate(ns, name, template, index, display);
            endpoint = hostNetworkAsPod ? endpoint with { HostNetwork = false } : endpoint;
            peers.TryAdd(display, new ConnectivityPeer(display, FlowEndpoint.ForPod(endpoint), false));
        }

        return [.. peers.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    private static IEnumerable<(string Kind, ObjectMeta Meta, PodTemplateSpec? Template)> Templates(ClusterInventory inventory) =>
        inventory.Deployments.Select(d => ("Deployment", d.Metadata, d.Spec.Template))
            .Concat(inventory.ReplicaSets.Select(r => ("ReplicaSet", r.Metadata, r.Spec.Template)))
            .Concat(inventory.StatefulSets.Select(s => ("StatefulSet", s.Metadata, s.Spec.Template)))
            .Concat(inventory.DaemonSets.Select(d => ("DaemonSet", d.Metadata, d.Spec.Template)))
            .Concat(inventory.Jobs.Select(j => ("Job", j.Metadata, j.Spec.Template)))
            .Concat(inventory.CronJobs.Select(c => ("CronJob", c.Metadata, c.Spec.JobTemplate?.Spec?.Template)));

    // A Deployment whose ReplicaSet is in the inventory (or a CronJob whose Job is) is represented by that child.
    private static bool OwnsAnotherWorkload(string kind, ObjectMeta meta, ClusterInventory inventory)
    {
        bool OwnedBy(ObjectMeta child) =>
            child.Namespace == meta.Namespace && (child.OwnerReferences ?? []).Any(o => o.Kind == kind && o.Name == meta.Name);

        return kind switch
        {
            "Deployment" => inventory.ReplicaSets.Any(r => OwnedBy(r.Metadata)),
            "CronJob" => inventory.Jobs.Any(j => OwnedBy(j.Metadata)),
            _ => false,
        };
    }
}
