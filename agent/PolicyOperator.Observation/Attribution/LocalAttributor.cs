using System.Globalization;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Sensor.Aggregation;

namespace PolicyOperator.Observation.Attribution;

/// <summary>
/// The local end of a flow: cgroup id -> cgroup path -> pod UID and container id -> the Pod -> its
/// owning workload with that workload's selector. Host-network pods are pods whose namespace is the
/// node's; processes outside any pod cgroup are the node's own. Without an inventory (standalone),
/// processes are named by their network namespace (<c>ip netns</c> name) or, on the node's own
/// namespace, by their command.
/// </summary>
public sealed class LocalAttributor(CgroupPathResolver cgroups, NetworkNamespaceNames namespaces)
{
    /// <summary>The namespace standalone workloads are recorded in.</summary>
    public const string StandaloneNamespace = "host";

    /// <summary>The workload kind of processes named by their network namespace.</summary>
    public const string NetworkNamespaceKind = "NetworkNamespace";

    /// <summary>The workload kind of node processes named by their command.</summary>
    public const string ProcessKind = "Process";

    /// <summary>Attributes the local end; <paramref name="inventory"/> null means standalone naming.</summary>
    public LocalEndpoint Attribute(FlowRecord flow, InventorySnapshot? inventory)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return Attribute(flow.Key.CgroupId, flow.Key.NetnsInode, flow.Comm, inventory);
    }

    /// <summary>Attributes a socket owner by its cgroup, network namespace and command (a DNS question's asker).</summary>
    public LocalEndpoint Attribute(ulong cgroupId, uint netnsInode, string comm, InventorySnapshot? inventory)
    {
        ArgumentNullException.ThrowIfNull(comm);
        var path = cgroups.PathOf(cgroupId);
        var identity = path is null ? null : CgroupPathParser.Parse(path);
        if (inventory is not null)
        {
            if (identity is null)
            {
                return new LocalEndpoint(LocalEndpointKind.Unknown, null, Reason: "cgroup not found");
            }

            if (identity.PodUid is { } uid)
            {
                return inventory.PodByUid(uid) is { } pod
                    ? FromPod(pod, identity, inventory)
                    : new LocalEndpoint(LocalEndpointKind.Unknown, null, Reason: "pod not in the inventory");
            }

            return new LocalEndpoint(LocalEndpointKind.NodeProcess, null, Reason: "node process");
        }

        return Standalone(netnsInode, comm);
    }

    private static LocalEndpoint FromPod(Pod pod, CgroupIdentity identity, InventorySnapshot inventory)
    {
        var workload = inventory.Attribution.Pod(pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? string.Empty, null, pod.Metadata.Labels);
        var container = identity.ContainerId is { } id
            ? pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.ContainerID?.EndsWith(id, StringComparison.Ordinal) == true)?.Name
            : null;
        container ??= pod.Spec.Containers.Count == 1 ? pod.Spec.Containers[0].Name : null;
        return new LocalEndpoint(
            pod.Spec.HostNetwork == true ? LocalEndpointKind.HostNetworkPod : LocalEndpointKind.Pod, workload, pod.Metadata.Name, container);
    }

    private LocalEndpoint Standalone(uint inode, string comm)
    {
        if (inode != 0 && inode == namespaces.HostInode)
        {
            return new LocalEndpoint(LocalEndpointKind.NodeProcess, Standalone(ProcessKind, comm.Length > 0 ? comm : "unknown"));
        }

        var name = namespaces.NameOf(inode) ?? string.Create(CultureInfo.InvariantCulture, $"netns-{inode}");
        return new LocalEndpoint(LocalEndpointKind.NetworkNamespace, Standalone(NetworkNamespaceKind, name));
    }

    private static WorkloadReference Standalone(string kind, string name) => new() { Kind = kind, Name = name, Namespace = StandaloneNamespace };
}
