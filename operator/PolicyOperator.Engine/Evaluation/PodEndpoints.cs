using System.Net;
using PolicyOperator.Api.Core;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Evaluation;

/// <summary>Makes evaluator pods from inventory pods and from workloads' pod templates.</summary>
public static class PodEndpoints
{
    /// <summary>The evaluator's view of an inventory pod.</summary>
    public static PodEndpoint FromPod(Pod pod, InventoryIndex index, string? displayName = null)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var hostNetwork = pod.Spec.HostNetwork == true;
        var ip = hostNetwork && pod.Status?.HostIP is { } hostIp && IPAddress.TryParse(hostIp, out var host)
            ? host
            : InventoryIndex.PodIps(pod).FirstOrDefault();
        return new PodEndpoint
        {
            Namespace = ns,
            Name = pod.Metadata.Name ?? string.Empty,
            Labels = pod.Metadata.Labels ?? new Dictionary<string, string>(),
            NamespaceLabels = index.NamespaceLabels(ns),
            NodeName = pod.Spec.NodeName,
            HostNetwork = hostNetwork,
            NamedPorts = NamedPorts(pod.Spec),
            Ip = ip,
            DisplayName = displayName,
        };
    }

    /// <summary>A pod standing for a workload known only by its pod template (manifests without pods).</summary>
    public static PodEndpoint FromTemplate(string ns, string name, PodTemplateSpec? template, InventoryIndex index, string? displayName = null) => new()
    {
        Namespace = ns,
        Name = name,
        Labels = template?.Metadata?.Labels ?? new Dictionary<string, string>(),
        NamespaceLabels = index.NamespaceLabels(ns),
        HostNetwork = template?.Spec?.HostNetwork == true,
        NamedPorts = template?.Spec is { } spec ? NamedPorts(spec) : [],
        DisplayName = displayName,
    };

    /// <summary>The named container ports of a pod spec (protocol defaulted to TCP).</summary>
    public static IReadOnlyList<NamedPort> NamedPorts(PodSpec spec) =>
    [
        .. spec.Containers.Concat(spec.InitContainers ?? [])
            .SelectMany(c => c.Ports ?? [])
            .Where(p => p.Name is { Length: > 0 })
            .Select(p => new NamedPort(p.Name!, p.Protocol ?? "TCP", p.Number)),
    ];
}
