using System.Net;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Engine.Inventory;

/// <summary>
/// Lookups over a <see cref="ClusterInventory"/>: pods by IP and namespace, namespace labels,
/// and each pod's owning workload with its stable selector (design rule 3). Built once, then read.
/// </summary>
public sealed class InventoryIndex
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _namespaceLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Namespace, string Name), ObjectMetaWithSelector> _controllers = [];
    private readonly Dictionary<IPAddress, Pod> _podsByIp = [];
    private readonly Dictionary<string, List<Pod>> _podsByNamespace = new(StringComparer.Ordinal);
    private readonly IReadOnlySet<string>? _extraVolatile;

    public InventoryIndex(ClusterInventory inventory, IReadOnlySet<string>? extraVolatileLabels = null)
    {
        Inventory = inventory;
        _extraVolatile = extraVolatileLabels;
        foreach (var ns in inventory.Namespaces)
        {
            if (ns.Metadata.Name is { } name)
            {
                _namespaceLabels[name] = ns.Metadata.Labels ?? new Dictionary<string, string>();
            }
        }

        Add("Deployment", inventory.Deployments.Select(d => (d.Metadata, d.Spec.Selector)));
        Add("ReplicaSet", inventory.ReplicaSets.Select(r => (r.Metadata, r.Spec.Selector)));
        Add("StatefulSet", inventory.StatefulSets.Select(s => (s.Metadata, s.Spec.Selector)));
        Add("DaemonSet", inventory.DaemonSets.Select(d => (d.Metadata, d.Spec.Selector)));
        Add("Job", inventory.Jobs.Select(j => (j.Metadata, j.Spec.Selector)));
        Add("CronJob", inventory.CronJobs.Select(c => (c.Metadata, (LabelSelector?)null)));

        foreach (var pod in inventory.Pods)
        {
            var ns = pod.Metadata.Namespace ?? "default";
            if (!_podsByNamespace.TryGetValue(ns, out var list))
            {
                _podsByNamespace[ns] = list = [];
            }

            list.Add(pod);
            if (pod.Spec.HostNetwork == true)
            {
                continue; // a host-network pod's IP is the node's, not the pod's
            }

            foreach (var ip in PodIps(pod))
            {
                _podsByIp[ip] = pod;
            }
        }
    }

    public ClusterInventory Inventory { get; }

    /// <summary>The labels of a namespace; a namespace not in the inventory still has its name label.</summary>
    public IReadOnlyDictionary<string, string> NamespaceLabels(string ns) =>
        _namespaceLabels.TryGetValue(ns, out var labels) && labels.ContainsKey(Namespace.NameLabel)
            ? labels
            : new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { [Namespace.NameLabel] = ns };

    /// <summary>True when the inventory lists this namespace.</summary>
    public bool HasNamespace(string ns) => _namespaceLabels.ContainsKey(ns);

    /// <summary>The pod with this (non host-network) IP, or null.</summary>
    public Pod? PodByIp(IPAddress ip) => _podsByIp.GetValueOrDefault(ip);

    /// <summary>The pods of a namespace.</summary>
    public IReadOnlyList<Pod> PodsIn(string ns) => _podsByNamespace.TryGetValue(ns, out var pods) ? pods : [];

    /// <summary>The owning workload of a pod (ReplicaSet -> Deployment, Job -> CronJob, ...) with its stable selector.</summary>
    public ResolvedWorkload WorkloadOf(Pod pod)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var (kind, name) = ("Pod", pod.Metadata.Name ?? string.Empty);
        LabelSelector? selector = null;

        // Walk controller owner references up to the top (bounded: Pod -> RS -> Deployment, Pod -> Job -> CronJob).
        var owner = ControllerOf(pod.Metadata);
        for (var depth = 0; owner is not null && depth < 4; depth++)
        {
            (kind, name) = (owner.Kind, owner.Name);
            if (_controllers.TryGetValue((owner.Kind, ns, owner.Name), out var known))
            {
                selector = StableSelector(known.Selector) ?? selector;
                owner = ControllerOf(known.Metadata);
            }
            else
            {
                // The owner is not in the inventory: infer the usual parent from the name (rs "web-5d4f8" -> deployment "web").
                owner = InferParent(owner.Kind, owner.Name);
            }
        }

        selector ??= LabelsSelector(pod.Metadata.Labels);
        return new ResolvedWorkload(kind, name, ns, selector);
    }

    /// <summary>All IPs of a pod (status.podIPs, else status.podIP).</summary>
    public static IEnumerable<IPAddress> PodIps(Pod pod)
    {
        var ips = pod.Status?.PodIPs?.Select(p => p.Ip) ?? (pod.Status?.PodIP is { } single ? [single] : []);
        foreach (var ip in ips)
        {
            if (IPAddress.TryParse(ip, out var parsed))
            {
                yield return parsed;
            }
        }
    }

    private LabelSelector? StableSelector(LabelSelector? selector) => VolatileLabels.StableSelector(selector, _extraVolatile);

    private LabelSelector? LabelsSelector(IReadOnlyDictionary<string, string>? labels)
    {
        var stable = VolatileLabels.Strip(labels, _extraVolatile);
        return stable.Count > 0 ? new LabelSelector { MatchLabels = stable } : null;
    }

    private static OwnerReference? ControllerOf(ObjectMeta meta) =>
        meta.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? meta.OwnerReferences?.FirstOrDefault();

    private static OwnerReference? InferParent(string kind, string name)
    {
        var dash = name.LastIndexOf('-');
        return kind switch
        {
            "ReplicaSet" when dash > 0 => new OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = name[..dash], Uid = string.Empty },
            "Job" when dash > 0 && name[(dash + 1)..].All(char.IsAsciiDigit) =>
                new OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = name[..dash], Uid = string.Empty },
            _ => null,
        };
    }

    private void Add(string kind, IEnumerable<(ObjectMeta Metadata, LabelSelector? Selector)> objects)
    {
        foreach (var (meta, selector) in objects)
        {
            if (meta.Name is { } name)
            {
                _controllers[(kind, meta.Namespace ?? "default", name)] = new ObjectMetaWithSelector(meta, selector);
            }
        }
    }

    private sealed record ObjectMetaWithSelector(ObjectMeta Metadata, LabelSelector? Selector);
}
